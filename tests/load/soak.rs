//! The soak driver: a mixed read and write load at a fixed rate for a long time, sampling the
//! server's memory, file descriptors, threads and database connections as it goes, so that a slow
//! leak or a growing queue shows as a trend. Driven by `tests/load/soak.sh`, which seeds, starts the
//! server and picks the rate.
//!
//! Usage: `soak BASE PID RATE SECONDS ARTICLES TOKENS_FILE [POSTGRES_DATABASE]`
//!
//! The mix, per request: 70 % article GET (a hot set of 1,000), 15 % category list pages,
//! 5 % the home page, 9.5 % view POSTs from distinct viewers, 0.5 % comment POSTs (members, with the
//! seeder's captchas). Prints one Markdown row per sample and a summary; exits 1 on any error.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 64;
const SAMPLE: Duration = Duration::from_secs(30);
/// Environment: SOAK_SAMPLE_SECS overrides the sample period (for a short trial run).
fn sample_period() -> Duration {
    std::env::var("SOAK_SAMPLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(SAMPLE, Duration::from_secs)
}

/// What happened in one sample period.
#[derive(Default)]
struct Window {
    latencies_us: Vec<u64>,
    errors: u64,
    first_error: Option<String>,
}

/// A small generator, enough to spread requests (no dependency for it).
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

fn proc_value(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn open_files(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |entries| entries.count())
}

/// Connections PostgreSQL holds for the database (the API's pool), or none for SQLite.
fn database_connections(database: Option<&str>) -> String {
    let Some(database) = database else {
        return "—".into();
    };
    let output = std::process::Command::new("runuser")
        .args(["-u", "postgres", "--", "psql", "-qAt", "-c"])
        .arg(format!(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'"
        ))
        .output();
    output.map_or("?".into(), |o| {
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    })
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 7 {
        eprintln!("usage: soak BASE PID RATE SECONDS ARTICLES TOKENS_FILE [POSTGRES_DATABASE]");
        std::process::exit(2);
    }
    let base = args[1].clone();
    let pid: u32 = args[2].parse().expect("PID");
    let rate: u64 = args[3].parse().expect("RATE");
    let seconds: u64 = args[4].parse().expect("SECONDS");
    let articles: u64 = args[5].parse().expect("ARTICLES");
    let tokens: Vec<String> = std::fs::read_to_string(&args[6])
        .expect("TOKENS_FILE")
        .lines()
        .map(str::to_owned)
        .collect();
    let database = args.get(7).cloned();

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let window = Arc::new(Mutex::new(Window::default()));
    let permits = Arc::new(tokio::sync::Semaphore::new(0));
    let sequence = Arc::new(AtomicU64::new(0));
    // Comments count apart: each takes the next of the seeder's 100,000 captchas.
    let comments = Arc::new(AtomicU64::new(0));
    let tokens = Arc::new(tokens);

    let mut workers = Vec::new();
    for worker in 0..CONNECTIONS {
        let (client, base, window, permits, sequence, comments, tokens) = (
            client.clone(),
            base.clone(),
            window.clone(),
            permits.clone(),
            sequence.clone(),
            comments.clone(),
            tokens.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut random = XorShift(0x9E37_79B9_7F4A_7C15 ^ (worker as u64 + 1));
            while let Ok(permit) = permits.acquire().await {
                permit.forget();
                let n = sequence.fetch_add(1, Ordering::Relaxed);
                let roll = random.below(1000);
                let request = if roll < 700 {
                    client.get(format!(
                        "{base}/api/v1/articles/{}",
                        1 + random.below(1000.min(articles))
                    ))
                } else if roll < 850 {
                    client.get(format!(
                        "{base}/api/v1/articles?category=features-{}&page={}",
                        1 + random.below(5),
                        1 + random.below(5)
                    ))
                } else if roll < 900 {
                    client.get(format!("{base}/api/v1/home"))
                } else if roll < 995 {
                    client
                        .post(format!(
                            "{base}/api/v1/articles/{}/views",
                            1 + random.below(articles)
                        ))
                        .header("User-Agent", format!("Mozilla/5.0 soak-{n}"))
                } else {
                    // The seeder's captchas: two series of 50,000, answered 1111 for this User-Agent.
                    let c = comments.fetch_add(1, Ordering::Relaxed);
                    let captcha = format!("load-{}-{}", 1 + c % 2, c / 2);
                    client
                        .post(format!(
                            "{base}/api/v1/articles/{}/comments",
                            1 + random.below(articles)
                        ))
                        .bearer_auth(&tokens[(n as usize) % tokens.len()])
                        .header("User-Agent", "kanwu-load")
                        .json(&serde_json::json!({
                            "content": format!("长时间负载测试评论，第{n}条。"),
                            "captcha_id": captcha,
                            "captcha_answer": "1111",
                        }))
                };
                let started = Instant::now();
                let outcome = match request.send().await {
                    Ok(response) if response.status().is_success() || response.status() == 304 => {
                        response
                            .bytes()
                            .await
                            .map(|_| ())
                            .map_err(|e| e.to_string())
                    }
                    Ok(response) => Err(format!(
                        "{} {}",
                        response.status(),
                        response.text().await.unwrap_or_default()
                    )),
                    Err(error) => Err(error.to_string()),
                };
                let took = started.elapsed().as_micros() as u64;
                let mut window = window.lock().unwrap();
                window.latencies_us.push(took);
                if let Err(error) = outcome {
                    window.errors += 1;
                    window.first_error.get_or_insert(error);
                }
            }
        }));
    }

    println!("| minute | req/s | p50 ms | p99 ms | errors | RSS MiB | open files | threads | DB connections |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let started = Instant::now();
    let mut sampled = Instant::now();
    let mut released = 0u64;
    let mut total_errors = 0u64;
    let mut first_error = None;
    let mut rss_samples = Vec::new();
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    while started.elapsed() < Duration::from_secs(seconds) {
        tick.tick().await;
        // Release what the rate allows up to now; a slow server makes the queue, not the rate, grow.
        let due = (started.elapsed().as_secs_f64() * rate as f64) as u64;
        if due > released {
            permits.add_permits((due - released) as usize);
            released = due;
        }
        if sampled.elapsed() >= sample_period() {
            let period = sampled.elapsed().as_secs_f64();
            sampled = Instant::now();
            let mut window = std::mem::take(&mut *window.lock().unwrap());
            window.latencies_us.sort_unstable();
            let count = window.latencies_us.len();
            let at = |share: f64| {
                window
                    .latencies_us
                    .get(((count as f64 * share) as usize).min(count.saturating_sub(1)))
                    .map_or(0.0, |us| *us as f64 / 1000.0)
            };
            let rss = proc_value(pid, "VmRSS:") / 1024;
            rss_samples.push(rss);
            total_errors += window.errors;
            if let Some(error) = window.first_error.take() {
                eprintln!("first error in this sample: {error}");
                first_error.get_or_insert(error);
            }
            println!(
                "| {:.1} | {:.0} | {:.2} | {:.2} | {} | {} | {} | {} | {} |",
                started.elapsed().as_secs_f64() / 60.0,
                count as f64 / period,
                at(0.5),
                at(0.99),
                window.errors,
                rss,
                open_files(pid),
                proc_value(pid, "Threads:"),
                database_connections(database.as_deref()),
            );
        }
    }
    permits.close();
    for worker in workers {
        let _ = worker.await;
    }
    let middle = rss_samples.get(rss_samples.len() / 2).copied().unwrap_or(0);
    let last = rss_samples.last().copied().unwrap_or(0);
    println!();
    println!(
        "Summary: {} requests at {rate}/s for {seconds} s, {total_errors} errors; RSS {middle} MiB at half time, {last} MiB at the end{}",
        sequence.load(Ordering::Relaxed),
        first_error.map(|e| format!("; first error: {e}")).unwrap_or_default()
    );
    if total_errors > 0 {
        std::process::exit(1);
    }
}

//! Faults: the database going away under load, the process killed, the disk full or read-only.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kanwu_api::config::DatabaseUrl;
use kanwu_api::db::Manager;
use system_tests::fixtures::{category, stored_views, ArticleFixture};
use system_tests::flaky::{upstream_of, FlakyPostgres};
use system_tests::{on_both_backends, test_environment, Backend, InProcessApp, TestDatabase};

const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
/// As long as issue 8 asks: long enough for every cache entry to expire and every pooled
/// connection to be found dead.
const OUTAGE: Duration = Duration::from_secs(60);

/// One request of the load: what was asked, how it ended, how long it took.
struct Outcome {
    path: &'static str,
    status: u16,
    problem_code: Option<String>,
    retry_after: bool,
    counted: bool,
    took: Duration,
}

async fn one_request(
    client: &reqwest::Client,
    base: &str,
    article: i64,
    viewer: u64,
    path: &'static str,
) -> Outcome {
    let started = Instant::now();
    let request = match path {
        "views" => client
            .post(format!("{base}/api/v1/articles/{article}/views"))
            .header("User-Agent", format!("{BROWSER} outage-{viewer}")),
        "article" => client.get(format!("{base}/api/v1/articles/{article}")),
        // A filter of its own each time: past the read cache, to the database.
        _ => client.get(format!("{base}/api/v1/articles?author=nobody-{viewer}")),
    };
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: no answer: {e}"));
    let took = started.elapsed();
    let status = response.status().as_u16();
    let retry_after = response.headers().contains_key("retry-after");
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    Outcome {
        path,
        status,
        problem_code: body["code"].as_str().map(str::to_owned),
        retry_after,
        counted: status == 200 && body["counted"] == true,
        took,
    }
}

/// PostgreSQL going away for a minute under load: requests get 503 problem+json with
/// `Retry-After` within the pool timeout (never a hang, never a 500), `/readyz` says 503, service
/// returns within 10 s of PostgreSQL's return without a restart, and the views counted before and
/// during the outage are written exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_going_away_under_load_is_503_then_recovers_and_loses_no_counted_view() {
    let database = tokio::task::spawn_blocking(TestDatabase::create)
        .await
        .unwrap();
    let flaky = FlakyPostgres::start(upstream_of(database.url()), true).await;
    let app = InProcessApp::start(
        &flaky.url_for(database.url()),
        &[("KANWU_VIEW_FLUSH_MS", "200")],
    )
    .await;
    let base = app.address.clone();
    // Generous: a hang shows as a failed request rather than a stuck test.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let ready = |client: reqwest::Client, base: String| async move {
        client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0)
    };
    for _ in 0..100 {
        if ready(client.clone(), base.clone()).await == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let real = DatabaseUrl::parse(database.url()).unwrap();
    let article = tokio::task::spawn_blocking(move || {
        let mut conn = Manager::new(real).establish().unwrap();
        let features = category(&mut conn, "特稿", "features", None, 0);
        for i in 0..60 {
            ArticleFixture::new(features, &format!("文章{i}")).insert(&mut conn);
        }
        ArticleFixture::new(features, "故障中的文章").insert(&mut conn)
    })
    .await
    .unwrap();

    let outcomes = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let viewers = Arc::new(AtomicU64::new(0));
    let mut load = Vec::new();
    for worker in 0..6 {
        let (client, base, outcomes, stop, viewers) = (
            client.clone(),
            base.clone(),
            outcomes.clone(),
            stop.clone(),
            viewers.clone(),
        );
        load.push(tokio::spawn(async move {
            let path = ["views", "views", "views", "article", "list", "list"][worker];
            while !stop.load(Ordering::SeqCst) {
                let viewer = viewers.fetch_add(1, Ordering::SeqCst);
                let outcome = one_request(&client, &base, article, viewer, path).await;
                outcomes.lock().unwrap().push(outcome);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }

    tokio::time::sleep(Duration::from_secs(2)).await;
    flaky.go_down();
    tokio::time::sleep(Duration::from_secs(5)).await;
    let started = Instant::now();
    assert_eq!(
        ready(client.clone(), base.clone()).await,
        503,
        "/readyz while PostgreSQL is down"
    );
    assert!(
        started.elapsed() <= Duration::from_secs(5),
        "/readyz answers within 5 s: {:?}",
        started.elapsed()
    );
    tokio::time::sleep(OUTAGE - Duration::from_secs(5)).await;
    let during = outcomes.lock().unwrap().len();

    flaky.come_up();
    let back = Instant::now();
    loop {
        let list = client
            .get(format!("{base}/api/v1/articles?page=77"))
            .send()
            .await
            .unwrap();
        if list.status() == 200 && ready(client.clone(), base.clone()).await == 200 {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "service returns within 10 s of PostgreSQL's return"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered_in = back.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::SeqCst);
    for worker in load {
        worker.await.unwrap();
    }
    // The last flush: one interval and a margin.
    tokio::time::sleep(Duration::from_millis(1_500)).await;

    let outcomes: Vec<Outcome> = std::mem::take(&mut outcomes.lock().unwrap());
    let unavailable = outcomes.iter().filter(|o| o.status == 503).count();
    assert!(
        unavailable > 0 && during > 0,
        "the outage was felt: {unavailable} answers of 503"
    );
    for outcome in outcomes.iter() {
        assert!(
            outcome.status == 200 || outcome.status == 503,
            "{}: only 200 or 503, never a 500 or a hang: {}",
            outcome.path,
            outcome.status
        );
        if outcome.status == 503 {
            assert_eq!(
                outcome.problem_code.as_deref(),
                Some("service_unavailable"),
                "{}",
                outcome.path
            );
            assert!(
                outcome.retry_after,
                "{}: a 503 says when to retry",
                outcome.path
            );
        }
        assert!(
            outcome.took <= Duration::from_secs(5),
            "{}: answered within 5 s, took {:?}",
            outcome.path,
            outcome.took
        );
    }
    let counted = outcomes
        .iter()
        .filter(|o| o.path == "views" && o.counted)
        .count() as i64;
    let real = DatabaseUrl::parse(database.url()).unwrap();
    let stored = tokio::task::spawn_blocking(move || {
        stored_views(&mut Manager::new(real).establish().unwrap(), article)
    })
    .await
    .unwrap();
    assert_eq!(
        stored, counted,
        "every view answered as counted is stored once (back after {recovered_in:?})"
    );
    app.handle.stop(true).await;
}

/// A small filesystem of its own for a test's data folder, unmounted when dropped. Mounting needs
/// root, which the test command has; without it the test fails rather than skips.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(megabytes: u32) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("run mount");
        assert!(
            mounted.success(),
            "mounting a tmpfs needs root (the test command runs as root in CI)"
        );
        SmallDisk { dir }
    }

    fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Writes a file until the disk refuses more.
    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write as _;
        let path = self.path().join("filler");
        let mut file = std::fs::File::create(&path).unwrap();
        for chunk in [1 << 20, 4096, 1] {
            let bytes = vec![0u8; chunk];
            while file
                .write_all(&bytes)
                .and_then(|()| file.sync_all())
                .is_ok()
            {}
        }
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// A full disk under SQLite: writes get 503 with `Retry-After` and change nothing, reads keep
/// working, views counted meanwhile wait in memory; once there is room again every write works,
/// the views are stored and the database passes `PRAGMA integrity_check`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_with_503_keeps_reads_and_corrupts_nothing() {
    use diesel::RunQueryDsl as _;
    use reqwest::Method;
    use serde_json::json;
    use system_tests::{assert_problem, Backend, TestApp};

    let disk = SmallDisk::mount(48);
    let data_dir = disk.path().display().to_string();
    let app = TestApp::spawn_with(
        Backend::Sqlite,
        &[
            ("KANWU_DATA_DIR", &data_dir),
            ("KANWU_VIEW_FLUSH_MS", "200"),
        ],
    )
    .await;
    let article = app
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            ArticleFixture::new(features, "磁盘满了").insert(c)
        })
        .await;
    let admin = app.admin("chief", "tq8-vault-xyz").await;
    let member = app
        .register_personal("reader-on-a-full-disk", "tq8-vault-xyz")
        .await;
    let png_with_padding = {
        let mut bytes =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
                .to_vec();
        bytes.resize(64 * 1024, 7);
        bytes
    };
    let upload = |bytes: Vec<u8>| {
        let boundary = "kanwu-full-disk";
        let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes();
        body.extend_from_slice(&bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        app.client
            .post(app.url("/api/v1/media"))
            .bearer_auth(&admin.access_token)
            .header(
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
    };
    let rename = |name: &'static str| {
        app.send_as(
            Method::PATCH,
            "/api/v1/members/me",
            &member.access_token,
            json!({"display_name": name}),
        )
    };

    // The write-ahead log emptied first, so that any write needs new room.
    app.with_db(|c| {
        diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(c)
            .unwrap();
    })
    .await;
    let filler = disk.fill();

    let refused = rename("满盘时的名字").await;
    assert!(refused.headers().contains_key("retry-after"));
    assert_problem(refused, 503, "service_unavailable").await;
    assert_problem(
        upload(png_with_padding.clone()).await.unwrap(),
        503,
        "service_unavailable",
    )
    .await;
    let captcha = app
        .client
        .post(app.url("/api/v1/captchas"))
        .send()
        .await
        .unwrap();
    assert_problem(captcha, 503, "service_unavailable").await;

    let read = app
        .get(&format!("/api/v1/articles/{article}"))
        .await
        .unwrap();
    assert_eq!(read.status(), 200, "reads keep working");
    let list = app
        .get("/api/v1/articles?author=%E5%91%A8%E8%BE%89")
        .await
        .unwrap();
    assert_eq!(
        list.status(),
        200,
        "a list read from the database, not the cache"
    );
    let me: serde_json::Value = app
        .get_as("/api/v1/members/me", &member.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(
        me["display_name"], "满盘时的名字",
        "a refused write changed nothing"
    );
    for viewer in 0..5 {
        let view = app
            .client
            .post(app.url(&format!("/api/v1/articles/{article}/views")))
            .header("User-Agent", format!("{BROWSER} full-disk-{viewer}"))
            .send()
            .await
            .unwrap();
        assert_eq!(view.status(), 200, "views are counted in memory");
    }
    // Flushes fail meanwhile and keep their deltas.
    tokio::time::sleep(Duration::from_millis(600)).await;

    std::fs::remove_file(filler).unwrap();
    assert_eq!(
        rename("有空间后的名字").await.status(),
        200,
        "writes work once there is room"
    );
    assert_eq!(upload(png_with_padding).await.unwrap().status(), 201);
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    assert_eq!(
        app.with_db(move |c| stored_views(c, article)).await,
        5,
        "the views counted on the full disk"
    );
    let integrity = app.with_db(system_tests::fixtures::integrity_check).await;
    assert_eq!(integrity, "ok");
    app.stop().await;
}

/// The real binary, started and restarted on one database.
struct Process {
    env: std::collections::HashMap<String, String>,
    base: String,
    child: Option<tokio::process::Child>,
}

impl Process {
    fn new(data_dir: &std::path::Path, database_url: Option<&str>, extra: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut env = test_environment(data_dir);
        env.insert("KANWU_BIND".into(), format!("127.0.0.1:{port}"));
        env.insert("RUST_LOG".into(), "warn".into());
        if let Some(url) = database_url {
            env.insert("DATABASE_URL".into(), url.to_owned());
        }
        for (name, value) in extra {
            env.insert((*name).into(), (*value).into());
        }
        Process {
            env,
            base: format!("http://127.0.0.1:{port}"),
            child: None,
        }
    }

    async fn start(&mut self) {
        let child = tokio::process::Command::new(system_tests::kanwu_binary())
            .arg("serve")
            .envs(&self.env)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        self.child = Some(child);
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if client
                .get(format!("{}/readyz", self.base))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                return;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("kanwu exited at start: {status}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("kanwu did not become ready");
    }

    async fn kill_9(&mut self) {
        let mut child = self.child.take().unwrap();
        child.start_kill().unwrap();
        child.wait().await.unwrap();
    }
}

/// A captcha and its answer (the test hook's header), or nothing once the server is gone.
async fn captcha(client: &reqwest::Client, base: &str) -> Option<(String, String)> {
    let response = client
        .post(format!("{base}/api/v1/captchas"))
        .header("User-Agent", BROWSER)
        .send()
        .await
        .ok()?;
    let answer = response
        .headers()
        .get("x-test-captcha-answer")?
        .to_str()
        .ok()?
        .to_owned();
    let body: serde_json::Value = response.json().await.ok()?;
    Some((body["id"].as_str()?.to_owned(), answer))
}

/// Registers a personal member; their access token, or nothing if not acknowledged.
async fn register(client: &reqwest::Client, base: &str, username: String) -> Option<String> {
    let (id, answer) = captcha(client, base).await?;
    let response = client
        .post(format!("{base}/api/v1/members"))
        .header("User-Agent", BROWSER)
        .json(&serde_json::json!({"kind": "personal", "username": username, "password": "tq8-vault-xyz", "captcha_id": id, "captcha_answer": answer}))
        .send()
        .await
        .ok()?;
    response.status().is_success().then_some(())?;
    let body: serde_json::Value = response.json().await.ok()?;
    Some(body["access_token"].as_str()?.to_owned())
}

/// What the write load saw acknowledged with a 2xx.
#[derive(Default)]
struct Acknowledged {
    articles: Vec<i64>,
    comments: Vec<i64>,
    members: Vec<String>,
    views: i64,
}

on_both_backends!(async fn kill_9_under_writes_loses_no_acknowledged_write(backend) {
    use serde_json::json;

    const FLUSH: Duration = Duration::from_millis(500);
    let data_dir = tempfile::tempdir().unwrap();
    let database = match backend {
        Backend::Postgres => Some(tokio::task::spawn_blocking(TestDatabase::create).await.unwrap()),
        Backend::Sqlite => None,
    };
    let url = match &database {
        Some(db) => DatabaseUrl::parse(db.url()).unwrap(),
        None => DatabaseUrl::Sqlite(data_dir.path().join("kanwu.db")),
    };
    let flush_ms = FLUSH.as_millis().to_string();
    let mut server = Process::new(
        data_dir.path(),
        database.as_ref().map(TestDatabase::url),
        // The abuse limits opened up: the load is one address.
        &[("KANWU_VIEW_FLUSH_MS", &flush_ms), ("KANWU_RATE_LIMIT_SCALE", "1000"), ("KANWU_COMMENT_INTERVAL_SECS", "0"), ("KANWU_COMMENT_HOURLY_CAP", "100000"), ("KANWU_COMMENT_MODERATION", "none")],
    );
    server.start().await;
    let base = server.base.clone();
    let setup_url = url.clone();
    let (category_id, article) = tokio::task::spawn_blocking(move || {
        let mut conn = Manager::new(setup_url).establish().unwrap();
        let features = category(&mut conn, "特稿", "features", None, 0);
        (features, ArticleFixture::new(features, "写入中的文章").insert(&mut conn))
    })
    .await
    .unwrap();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let admin_made = std::process::Command::new(system_tests::kanwu_binary())
        .args(["create-admin", "--username", "chief"])
        .envs(&server.env)
        .env("KANWU_ADMIN_PASSWORD", "tq8-vault-xyz")
        .output()
        .unwrap();
    assert!(admin_made.status.success(), "{}", String::from_utf8_lossy(&admin_made.stderr));
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": "chief", "password": "tq8-vault-xyz"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let admin = login["access_token"].as_str().unwrap().to_owned();
    let member = register(&client, &base, "commenter".into()).await.expect("a member");

    let acknowledged = Arc::new(Mutex::new(Acknowledged::default()));
    let mut writers = Vec::new();
    for kind in ["article", "comment", "member", "views", "views"] {
        let (client, base, acknowledged, admin, member) = (client.clone(), base.clone(), acknowledged.clone(), admin.clone(), member.clone());
        writers.push(tokio::spawn(async move {
            // Until the server is gone: the first request without an answer ends the writer.
            for n in 0u64.. {
                let ok = match kind {
                    "article" => {
                        let created = client
                            .post(format!("{base}/api/v1/articles"))
                            .bearer_auth(&admin)
                            .json(&json!({"category_id": category_id, "title": format!("第{n}篇"), "author": "周辉", "body_markdown": "正文"}))
                            .send()
                            .await;
                        match created {
                            Ok(r) if r.status() == 201 => {
                                let body: Option<serde_json::Value> = r.json().await.ok();
                                body.and_then(|b| b["id"].as_i64()).map(|id| acknowledged.lock().unwrap().articles.push(id)).is_some()
                            }
                            _ => false,
                        }
                    }
                    "comment" => {
                        let Some((id, answer)) = captcha(&client, &base).await else { break };
                        let posted = client
                            .post(format!("{base}/api/v1/articles/{article}/comments"))
                            .bearer_auth(&member)
                            .header("User-Agent", BROWSER)
                            .json(&json!({"content": format!("第{n}条评论"), "captcha_id": id, "captcha_answer": answer}))
                            .send()
                            .await;
                        match posted {
                            Ok(r) if r.status() == 201 => {
                                let body: Option<serde_json::Value> = r.json().await.ok();
                                body.and_then(|b| b["id"].as_i64()).map(|id| acknowledged.lock().unwrap().comments.push(id)).is_some()
                            }
                            _ => false,
                        }
                    }
                    "member" => {
                        let username = format!("reader{n}-{}", uuid::Uuid::new_v4().simple());
                        let username = username[..20].to_owned();
                        register(&client, &base, username.clone()).await.map(|_| acknowledged.lock().unwrap().members.push(username)).is_some()
                    }
                    _ => {
                        let viewed = client
                            .post(format!("{base}/api/v1/articles/{article}/views"))
                            .header("User-Agent", format!("{BROWSER} kill-{}", uuid::Uuid::new_v4().simple()))
                            .send()
                            .await;
                        match viewed {
                            Ok(r) if r.status() == 200 => {
                                let body: serde_json::Value = r.json().await.unwrap_or_default();
                                if body["counted"] == true {
                                    acknowledged.lock().unwrap().views += 1;
                                }
                                true
                            }
                            _ => false,
                        }
                    }
                };
                if !ok {
                    break;
                }
            }
        }));
    }
    let load_started = Instant::now();
    tokio::time::sleep(Duration::from_secs(3)).await;
    server.kill_9().await;
    let load_seconds = load_started.elapsed().as_secs_f64();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = std::mem::take(&mut *acknowledged.lock().unwrap());
    assert!(
        acknowledged.articles.len() > 5 && acknowledged.comments.len() > 5 && acknowledged.members.len() > 5 && acknowledged.views > 50,
        "a real write load: {} articles, {} comments, {} members, {} views",
        acknowledged.articles.len(), acknowledged.comments.len(), acknowledged.members.len(), acknowledged.views
    );

    server.start().await;
    let Acknowledged { articles, comments, members, views } = acknowledged;
    let (found, integrity) = tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use kanwu_api::db::schema;
        let mut conn = Manager::new(url).establish().unwrap();
        let found_articles: i64 = schema::articles::table.filter(schema::articles::id.eq_any(&articles)).count().get_result(&mut conn).unwrap();
        let found_comments: i64 = schema::comments::table.filter(schema::comments::id.eq_any(&comments)).count().get_result(&mut conn).unwrap();
        let found_members: i64 = schema::members::table.filter(schema::members::username.eq_any(&members)).count().get_result(&mut conn).unwrap();
        let stored = stored_views(&mut conn, article);
        let integrity = system_tests::fixtures::integrity_check(&mut conn);
        (
            [(found_articles, articles.len()), (found_comments, comments.len()), (found_members, members.len())],
            (integrity, stored),
        )
    })
    .await
    .unwrap();
    let (integrity, stored) = integrity;
    eprintln!("kill -9 ({backend:?}): acknowledged (found, sent) {found:?}; views counted {views}, stored {stored}");
    for ((found, acknowledged), what) in found.into_iter().zip(["articles", "comments", "members"]) {
        assert_eq!(found, acknowledged as i64, "every acknowledged {what} is there after kill -9");
    }
    assert_eq!(integrity, "ok", "PRAGMA integrity_check");
    // At most the views counted since the last flush began: one interval at the load's rate
    // (with half an interval more for the flush that may have been under way).
    let rate = views as f64 / load_seconds;
    let allowed = (rate * FLUSH.as_secs_f64() * 1.5).ceil() as i64;
    let lost = views - stored;
    assert!(lost >= 0, "never more views stored ({stored}) than counted ({views})");
    assert!(lost <= allowed, "{lost} views lost of {views}; at {rate:.0}/s one flush interval is {allowed}");
    server.kill_9().await;
});

/// Slowloris: 500 connections that send their request head one byte a second are closed when the
/// 5 s request timeout runs out, and meanwhile other clients are answered as quickly as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_cut_off_at_the_request_timeout_and_delay_no_one_else() {
    use system_tests::TestApp;
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    const SLOW_CLIENTS: usize = 500;
    let app = TestApp::spawn(Backend::Sqlite).await;
    let address = format!("127.0.0.1:{}", app.port);
    let timed_gets = |count: usize| {
        let app = &app;
        async move {
            let mut took = Vec::with_capacity(count);
            for _ in 0..count {
                let started = Instant::now();
                let response = app.get("/api/v1/site").await.unwrap();
                assert_eq!(response.status(), 200);
                response.bytes().await.unwrap();
                took.push(started.elapsed());
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            took.sort();
            took[count * 95 / 100]
        }
    };
    let before = timed_gets(50).await;

    let mut slow = Vec::new();
    for i in 0..SLOW_CLIENTS {
        let address = address.clone();
        slow.push(tokio::spawn(async move {
            let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
            let opened = Instant::now();
            socket
                .write_all(
                    format!("GET /api/v1/site HTTP/1.1\r\nHost: slow\r\nX-Slow-{i}: ").as_bytes(),
                )
                .await
                .unwrap();
            let mut buffer = [0u8; 512];
            loop {
                tokio::select! {
                    read = socket.read(&mut buffer) => {
                        // An answer (408) or the connection closed: either way the server let go.
                        let _ = read;
                        return Some(opened.elapsed());
                    }
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {
                        if socket.write_all(b"a").await.is_err() {
                            return Some(opened.elapsed());
                        }
                        if opened.elapsed() > Duration::from_secs(20) {
                            return None;
                        }
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let during = timed_gets(100).await;

    let mut closed_after = Vec::new();
    for client in slow {
        closed_after.push(
            client
                .await
                .unwrap()
                .expect("the server closed a slow client within 20 s"),
        );
    }
    closed_after.sort();
    let (first, last) = (closed_after[0], closed_after[SLOW_CLIENTS - 1]);
    assert!(
        first >= Duration::from_millis(4_500),
        "no slow client is cut before the 5 s timeout: {first:?}"
    );
    assert!(
        last <= Duration::from_secs(8),
        "every slow client is cut soon after 5 s: {last:?}"
    );
    let bound = (before * 5).max(Duration::from_millis(50));
    assert!(
        during <= bound,
        "others' p95 holds: {during:?} under attack, {before:?} before"
    );
    app.stop().await;
}

on_both_backends!(async fn a_database_error_is_a_plain_500_problem_that_says_nothing_internal(backend) {
    use diesel::RunQueryDsl as _;
    use system_tests::{assert_problem, TestApp};

    let app = TestApp::spawn(backend).await;
    let article = app
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            let id = ArticleFixture::new(features, "表不见了").insert(c);
            diesel::sql_query("ALTER TABLE comments RENAME TO comments_away").execute(c).unwrap();
            id
        })
        .await;
    let response = app.get(&format!("/api/v1/articles/{article}/comments")).await.unwrap();
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(response.headers()["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert!(!response.headers().contains_key("server"), "no banner");
    let body = assert_problem(response, 500, "internal_error").await;
    let text = body.to_string().to_lowercase();
    for internal in ["comments", "select", "sql", "relation", "table", "diesel", "src/"] {
        assert!(!text.contains(internal), "{internal} in {body}");
    }
    app.with_db(|c| {
        diesel::sql_query("ALTER TABLE comments_away RENAME TO comments").execute(c).unwrap();
    })
    .await;
    app.stop().await;
});

/// An ext4 filesystem in a file, loop-mounted with `errors=remount-ro`: the kernel turns it
/// read-only at its first error, as it does a real disk's, whoever has files open for writing.
struct Ext4Disk {
    image: tempfile::TempDir,
    mount: tempfile::TempDir,
}

impl Ext4Disk {
    fn mount() -> Self {
        let image = tempfile::tempdir().unwrap();
        let mount = tempfile::tempdir().unwrap();
        let file = image.path().join("disk.img");
        std::fs::File::create(&file)
            .unwrap()
            .set_len(64 << 20)
            .unwrap();
        let run = |program: &str, args: &[&std::ffi::OsStr]| {
            let status = std::process::Command::new(program)
                .args(args)
                .status()
                .unwrap();
            assert!(
                status.success(),
                "{program} {args:?} (needs root and loop devices, as the test command has)"
            );
        };
        run("mkfs.ext4", &["-q".as_ref(), file.as_os_str()]);
        run(
            "mount",
            &[
                "-o".as_ref(),
                "loop,errors=remount-ro".as_ref(),
                file.as_os_str(),
                mount.path().as_os_str(),
            ],
        );
        Ext4Disk { image, mount }
    }

    fn path(&self) -> &std::path::Path {
        self.mount.path()
    }

    /// What ext4 does on a disk error: read-only from now on.
    fn fail(&self) {
        let source = std::process::Command::new("findmnt")
            .args(["-n", "-o", "SOURCE"])
            .arg(self.path())
            .output()
            .unwrap();
        let device = String::from_utf8(source.stdout).unwrap();
        let device = device.trim().rsplit('/').next().unwrap().to_owned();
        std::fs::write(
            format!("/sys/fs/ext4/{device}/trigger_fs_error"),
            "kanwu fault test\n",
        )
        .unwrap();
        let options = std::process::Command::new("findmnt")
            .args(["-n", "-o", "OPTIONS"])
            .arg(self.path())
            .output()
            .unwrap();
        let options = String::from_utf8_lossy(&options.stdout).trim().to_owned();
        // Shown as `ro`, or by newer kernels as `emergency_ro` beside the mount's own `rw`.
        assert!(
            options.split(',').any(|o| o == "ro" || o == "emergency_ro"),
            "read-only now: {options}"
        );
    }

    /// Unmounts, repairs the error flag as `fsck` would at boot, and mounts again writable.
    fn remount_repaired(&self) {
        let file = self.image.path().join("disk.img");
        // The stopped server's last pooled connections close a moment after it.
        let mut unmounted = false;
        for _ in 0..50 {
            if std::process::Command::new("umount")
                .arg(self.path())
                .status()
                .unwrap()
                .success()
            {
                unmounted = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        assert!(unmounted, "unmount within 5 s of the server's stop");
        // e2fsck exits 1 when it corrected something (the error flag): not a failure.
        let checked = std::process::Command::new("e2fsck")
            .args(["-fy"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            checked.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&checked.stdout)
        );
        let mounted = std::process::Command::new("mount")
            .args(["-o", "loop"])
            .arg(&file)
            .arg(self.path())
            .status()
            .unwrap();
        assert!(mounted.success());
    }
}

impl Drop for Ext4Disk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.mount.path())
            .status();
    }
}

/// The SQLite file turned read-only under a running server (ext4 after a disk error): writes get
/// 503 and change nothing, reads keep working; afterwards the database file is intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_file_refuses_writes_with_503_and_keeps_reads() {
    use serde_json::json;
    use system_tests::assert_problem;

    let disk = Ext4Disk::mount();
    // The real binary: its files close when it exits, so the disk can be checked after.
    let mut server = Process::new(disk.path(), None, &[]);
    server.start().await;
    let base = server.base.clone();
    let database = DatabaseUrl::Sqlite(disk.path().join("kanwu.db"));
    let setup = database.clone();
    let article = tokio::task::spawn_blocking(move || {
        let mut conn = Manager::new(setup).establish().unwrap();
        let features = category(&mut conn, "特稿", "features", None, 0);
        ArticleFixture::new(features, "只读的磁盘").insert(&mut conn)
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let token = register(&client, &base, "reader-read-only".into())
        .await
        .expect("a member");
    let rename = |name: &'static str| {
        client
            .patch(format!("{base}/api/v1/members/me"))
            .bearer_auth(&token)
            .json(&json!({"display_name": name}))
            .send()
    };
    assert_eq!(rename("只读之前的名字").await.unwrap().status(), 200);

    disk.fail();
    let refused = rename("只读时的名字").await.unwrap();
    assert!(refused.headers().contains_key("retry-after"));
    assert_problem(refused, 503, "service_unavailable").await;
    let captcha = client
        .post(format!("{base}/api/v1/captchas"))
        .send()
        .await
        .unwrap();
    assert_problem(captcha, 503, "service_unavailable").await;
    let read = client
        .get(format!("{base}/api/v1/articles/{article}"))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200, "reads keep working");
    let list = client
        .get(format!("{base}/api/v1/articles?author=%E5%91%A8%E8%BE%89"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        list.status(),
        200,
        "a list read from the database, not the cache"
    );
    let me: serde_json::Value = client
        .get(format!("{base}/api/v1/members/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        me["display_name"], "只读之前的名字",
        "the refused write changed nothing"
    );
    server.kill_9().await;

    disk.remount_repaired();
    let (integrity, name) = tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use kanwu_api::db::schema::members;
        let mut conn = Manager::new(database).establish().unwrap();
        let integrity = system_tests::fixtures::integrity_check(&mut conn);
        let name: String = members::table
            .filter(members::username.eq("reader-read-only"))
            .select(members::display_name)
            .first(&mut conn)
            .unwrap();
        (integrity, name)
    })
    .await
    .unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(name, "只读之前的名字", "what was written before is there");
}

on_both_backends!(async fn sigterm_under_load_finishes_requests_in_flight_and_stores_every_counted_view(backend) {
    use serde_json::json;

    let data_dir = tempfile::tempdir().unwrap();
    let database = match backend {
        Backend::Postgres => Some(tokio::task::spawn_blocking(TestDatabase::create).await.unwrap()),
        Backend::Sqlite => None,
    };
    let url = match &database {
        Some(db) => DatabaseUrl::parse(db.url()).unwrap(),
        None => DatabaseUrl::Sqlite(data_dir.path().join("kanwu.db")),
    };
    let mut server = Process::new(
        data_dir.path(),
        database.as_ref().map(TestDatabase::url),
        // The longest flush interval allowed, so most views are still in memory at the signal;
        // production's bcrypt cost, so a login is still being worked on when the signal comes.
        &[("KANWU_VIEW_FLUSH_MS", "1000"), ("KANWU_BCRYPT_COST", "12"), ("KANWU_RATE_LIMIT_SCALE", "1000")],
    );
    server.start().await;
    let base = server.base.clone();
    let setup = url.clone();
    let article = tokio::task::spawn_blocking(move || {
        let mut conn = Manager::new(setup).establish().unwrap();
        let features = category(&mut conn, "特稿", "features", None, 0);
        ArticleFixture::new(features, "停机时的文章").insert(&mut conn)
    })
    .await
    .unwrap();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(15)).build().unwrap();
    register(&client, &base, "signed-in-at-sigterm".into()).await.expect("a member");

    let signalled = Arc::new(Mutex::new(None::<Instant>));
    let counted = Arc::new(AtomicU64::new(0));
    let mut viewers = Vec::new();
    for worker in 0..8 {
        let (client, base, counted, signalled) = (client.clone(), base.clone(), counted.clone(), signalled.clone());
        viewers.push(tokio::spawn(async move {
            for n in 0u64.. {
                let response = client
                    .post(format!("{base}/api/v1/articles/{article}/views"))
                    .header("User-Agent", format!("{BROWSER} sigterm-{worker}-{n}"))
                    .send()
                    .await;
                let body = match response {
                    Ok(response) => {
                        assert_eq!(response.status(), 200);
                        response.json::<serde_json::Value>().await
                    }
                    Err(error) => Err(error),
                };
                match body {
                    Ok(body) => {
                        if body["counted"] == true {
                            counted.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    // Once the server stops accepting, new requests are refused or reset: not
                    // answered, so not counted. Before the signal nothing fails.
                    Err(error) => {
                        assert!(signalled.lock().unwrap().is_some(), "failed before the signal: {error}");
                        return;
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    // Logins in flight at the signal (bcrypt at cost 12 on one thread: about a second for four).
    let mut logins = Vec::new();
    for _ in 0..4 {
        let (client, base) = (client.clone(), base.clone());
        logins.push(tokio::spawn(async move {
            client
                .post(format!("{base}/api/v1/auth/login"))
                .json(&json!({"username": "signed-in-at-sigterm", "password": "tq8-vault-xyz"}))
                .send()
                .await
        }));
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut child = server.child.take().unwrap();
    let pid = child.id().unwrap().to_string();
    *signalled.lock().unwrap() = Some(Instant::now());
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let stopping = Instant::now();
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("exit within 10 s of SIGTERM").unwrap();
    assert!(status.success(), "a clean exit: {status:?}");
    for login in logins {
        let response = login.await.unwrap().expect("a login in flight at the signal is answered");
        assert_eq!(response.status(), 200, "a login in flight at the signal finishes");
    }
    for viewer in viewers {
        viewer.await.unwrap();
    }
    let counted = counted.load(Ordering::SeqCst) as i64;
    assert!(counted > 50, "a real load: {counted} views counted");
    let stored = tokio::task::spawn_blocking(move || stored_views(&mut Manager::new(url).establish().unwrap(), article)).await.unwrap();
    assert_eq!(stored, counted, "every view answered as counted is stored (stopped in {:?})", stopping.elapsed());
});

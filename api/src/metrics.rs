//! Prometheus metrics, served in the text format on an address of their own
//! (`KANWU_METRICS_BIND`), never on the public port: request counts and latency histograms by
//! route and status, the database pool, the read caches and the view flushes. Hand-written rather
//! than a metrics crate: a few counters and one histogram, rendered on demand.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use actix_web::{web, HttpResponse};

use crate::cache::ReadCaches;
use crate::db::Database;
use crate::views::ViewCounter;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// One route, method and status: how many, and how long they took.
#[derive(Default)]
struct Series {
    count: u64,
    seconds: f64,
    /// Requests at or under each bound (not cumulative here; summed when rendered).
    buckets: [u64; BUCKETS.len()],
}

/// Requests served, by route pattern (never the raw path: ids would make a series each), method
/// and status.
/// Nested by route and method so that a request finds its series by the borrowed names: only the
/// first request of a series allocates (this runs on every request, under one lock).
#[derive(Default)]
pub struct RequestMetrics {
    series: Mutex<HashMap<String, ByMethod>>,
}

/// One route's series: by method, then status.
type ByMethod = HashMap<String, BTreeMap<u16, Series>>;

impl RequestMetrics {
    pub fn record(&self, route: &str, method: &str, status: u16, took: Duration) {
        let seconds = took.as_secs_f64();
        let mut series = self.series.lock().unwrap_or_else(|e| e.into_inner());
        if !series.contains_key(route) {
            series.insert(route.to_owned(), HashMap::new());
        }
        let methods = series.get_mut(route).expect("inserted above");
        if !methods.contains_key(method) {
            methods.insert(method.to_owned(), BTreeMap::new());
        }
        let entry = methods
            .get_mut(method)
            .expect("inserted above")
            .entry(status)
            .or_default();
        entry.count += 1;
        entry.seconds += seconds;
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            entry.buckets[bucket] += 1;
        }
    }

    fn render(&self, out: &mut String) {
        let nested = self.series.lock().unwrap_or_else(|e| e.into_inner());
        // In a stable order, so that scrapes compare line by line.
        let mut series: Vec<((&String, &String, &u16), &Series)> = nested
            .iter()
            .flat_map(|(route, methods)| {
                methods.iter().flat_map(move |(method, statuses)| {
                    statuses
                        .iter()
                        .map(move |(status, s)| ((route, method, status), s))
                })
            })
            .collect();
        series.sort_by(|a, b| a.0.cmp(&b.0));
        out.push_str(
            "# HELP kanwu_http_requests_total Requests answered, by route, method and status.\n",
        );
        out.push_str("# TYPE kanwu_http_requests_total counter\n");
        for ((route, method, status), s) in series.iter().copied() {
            let _ = writeln!(
                out,
                "kanwu_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {}",
                escape(route),
                s.count
            );
        }
        out.push_str("# HELP kanwu_http_request_duration_seconds Time to answer, by route, method and status.\n");
        out.push_str("# TYPE kanwu_http_request_duration_seconds histogram\n");
        for ((route, method, status), s) in series.iter().copied() {
            let labels = format!(
                "route=\"{}\",method=\"{method}\",status=\"{status}\"",
                escape(route)
            );
            let mut cumulative = 0;
            for (bound, in_bucket) in BUCKETS.iter().zip(s.buckets) {
                cumulative += in_bucket;
                let _ = writeln!(
                    out,
                    "kanwu_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "kanwu_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "kanwu_http_request_duration_seconds_sum{{{labels}}} {}",
                s.seconds
            );
            let _ = writeln!(
                out,
                "kanwu_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
    }
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Hits and misses of one cache.
#[derive(Default)]
pub struct CacheCounters {
    pub hits: AtomicU64,
    pub misses: AtomicU64,
}

/// Flushes of the view counter.
#[derive(Default)]
pub struct FlushCounters {
    pub flushes: AtomicU64,
    pub failures: AtomicU64,
    /// Views written (the sum of the deltas of successful flushes).
    pub views: AtomicU64,
    /// Articles in the last successful flush.
    pub last_articles: AtomicU64,
}

fn metric(out: &mut String, name: &str, kind: &str, help: &str, values: &[(String, u64)]) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
    for (labels, value) in values {
        if labels.is_empty() {
            let _ = writeln!(out, "{name} {value}");
        } else {
            let _ = writeln!(out, "{name}{{{labels}}} {value}");
        }
    }
}

/// `GET /metrics` on the metrics address.
pub async fn serve(
    requests: web::Data<RequestMetrics>,
    db: web::Data<Database>,
    caches: web::Data<ReadCaches>,
    views: web::Data<ViewCounter>,
) -> HttpResponse {
    let mut out = String::new();
    requests.render(&mut out);

    let pool = db.pool_state();
    metric(
        &mut out,
        "kanwu_db_pool_connections",
        "gauge",
        "Connections the pool holds (0 before the database is reached).",
        &[(
            String::new(),
            pool.map_or(0, |(connections, _)| u64::from(connections)),
        )],
    );
    metric(
        &mut out,
        "kanwu_db_pool_idle_connections",
        "gauge",
        "Pooled connections not in use.",
        &[(String::new(), pool.map_or(0, |(_, idle)| u64::from(idle)))],
    );
    metric(
        &mut out,
        "kanwu_db_pool_max_connections",
        "gauge",
        "The pool's size (KANWU_DB_POOL_SIZE).",
        &[(String::new(), u64::from(db.pool_size()))],
    );
    metric(
        &mut out,
        "kanwu_db_pool_waits_total",
        "counter",
        "Requests that found every connection in use and queued.",
        &[(String::new(), db.waits())],
    );
    metric(
        &mut out,
        "kanwu_db_unavailable_total",
        "counter",
        "Requests answered 503 because no connection came within the pool timeout.",
        &[(String::new(), db.timeouts())],
    );

    let cache_values = |pick: fn(&CacheCounters) -> &AtomicU64| {
        caches
            .counters()
            .into_iter()
            .map(|(name, counters)| {
                (
                    format!("cache=\"{name}\""),
                    pick(counters).load(Ordering::Relaxed),
                )
            })
            .collect::<Vec<_>>()
    };
    metric(
        &mut out,
        "kanwu_cache_hits_total",
        "counter",
        "Reads served from the read cache (fresh or stale).",
        &cache_values(|c| &c.hits),
    );
    metric(
        &mut out,
        "kanwu_cache_misses_total",
        "counter",
        "Reads the read cache had nothing for.",
        &cache_values(|c| &c.misses),
    );

    let flush = views.flush_counters();
    metric(
        &mut out,
        "kanwu_view_flushes_total",
        "counter",
        "View flushes that wrote something.",
        &[(String::new(), flush.flushes.load(Ordering::Relaxed))],
    );
    metric(
        &mut out,
        "kanwu_view_flush_failures_total",
        "counter",
        "View flushes that failed (their views are kept for the next).",
        &[(String::new(), flush.failures.load(Ordering::Relaxed))],
    );
    metric(
        &mut out,
        "kanwu_views_flushed_total",
        "counter",
        "Views written by the flushes.",
        &[(String::new(), flush.views.load(Ordering::Relaxed))],
    );
    metric(
        &mut out,
        "kanwu_view_flush_last_articles",
        "gauge",
        "Articles in the last successful flush.",
        &[(String::new(), flush.last_articles.load(Ordering::Relaxed))],
    );
    metric(
        &mut out,
        "kanwu_views_pending",
        "gauge",
        "Views counted and not yet written.",
        &[(String::new(), views.pending_total())],
    );

    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(out)
}

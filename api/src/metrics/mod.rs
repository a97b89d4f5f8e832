//! Prometheus metrics, served in the text format on an address of their own
//! (`KANWU_METRICS_BIND`), never on the public port: request counts and latency histograms by
//! route and status, the database pool, the read caches and the view flushes. Hand-written rather
//! than a metrics crate: a few counters and one histogram, rendered on demand.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::atomic::AtomicU64;
use std::sync::Mutex;
use std::time::Duration;

pub mod handlers;

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

pub(crate) fn metric(
    out: &mut String,
    name: &str,
    kind: &str,
    help: &str,
    values: &[(String, u64)],
) {
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

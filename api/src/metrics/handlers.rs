//! `GET /metrics`, served on the metrics address only.

use actix_web::{web, HttpResponse};

use std::sync::atomic::{AtomicU64, Ordering};

use super::metric;
use crate::state::AppState;
use crate::swr::CacheCounters;

/// `GET /metrics` on the metrics address.
pub async fn serve(state: web::Data<AppState>) -> HttpResponse {
    let mut out = String::new();
    state.metrics.render(&mut out);

    let pool = state.db.pool_state();
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
        &[(String::new(), u64::from(state.db.pool_size()))],
    );
    metric(
        &mut out,
        "kanwu_db_pool_waits_total",
        "counter",
        "Requests that found every connection in use and queued.",
        &[(String::new(), state.db.waits())],
    );
    metric(
        &mut out,
        "kanwu_db_unavailable_total",
        "counter",
        "Requests answered 503 because no connection came within the pool timeout.",
        &[(String::new(), state.db.timeouts())],
    );

    let cache_values = |pick: fn(&CacheCounters) -> &AtomicU64| {
        state
            .caches
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

    let flush = state.views.flush_counters();
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
        "View flushes that failed (their state.views are kept for the next).",
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
        &[(String::new(), state.views.pending_total())],
    );

    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(out)
}

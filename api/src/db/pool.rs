//! Opening the pool: connect, migrate, run start-up's [`AfterMigrating`] hook, then pool
//! connections; PostgreSQL, which may come up after the API, is retried with back-off until it
//! answers. The pool is published only once all of that is done.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use diesel::r2d2;

use super::connection::{DbConnection, DbError, Manager};
use super::migrations::run_migrations;
use crate::config::DatabaseConfig;

pub type Pool = r2d2::Pool<Manager>;

/// Work on a database just migrated, before any request may use it: it runs on the migrating
/// connection, before the pool is handed out. Start-up brings the search index up to date here. An
/// error stops start-up on SQLite and fails that attempt on PostgreSQL (retried).
pub type AfterMigrating = fn(&mut DbConnection) -> Result<(), DbError>;

/// One attempt: connect, migrate, run `after_migrating` on that connection, then open the pool.
pub(super) fn build_pool(
    config: &DatabaseConfig,
    statements: Arc<AtomicU64>,
    after_migrating: AfterMigrating,
) -> Result<Pool, DbError> {
    let manager = Manager::counting_into(config.url.clone(), statements);
    let mut conn = manager.establish()?;
    let applied = run_migrations(&mut conn)?;
    if applied > 0 {
        tracing::info!(
            applied,
            backend = config.url.backend_name(),
            "migrations applied"
        );
    }
    after_migrating(&mut conn)?;
    let pool = r2d2::Pool::builder()
        .max_size(config.pool_size)
        .min_idle(Some(1))
        // A ping per checkout would double the round trips; broken connections are caught by
        // `has_broken` and the query's own error instead.
        .test_on_check_out(false)
        .connection_timeout(config.pool_timeout)
        .error_handler(Box::new(LogPoolErrors))
        .build(manager)?;
    Ok(pool)
}

/// r2d2 reports connection failures through `log`; we log through `tracing`.
#[derive(Debug)]
struct LogPoolErrors;

impl r2d2::HandleError<DbError> for LogPoolErrors {
    fn handle_error(&self, error: DbError) {
        tracing::warn!(%error, "database connection failed");
    }
}

/// Attempts until PostgreSQL answers, then publishes the pool in `slot`.
pub(super) async fn connect_with_backoff(
    config: DatabaseConfig,
    slot: Arc<OnceLock<Pool>>,
    statements: Arc<AtomicU64>,
    after_migrating: AfterMigrating,
) {
    let mut delay = Duration::from_millis(500);
    for attempt in 1u32.. {
        let attempt_config = config.clone();
        let attempt_statements = statements.clone();
        match tokio::task::spawn_blocking(move || {
            build_pool(&attempt_config, attempt_statements, after_migrating)
        })
        .await
        {
            Ok(Ok(pool)) => {
                let _ = slot.set(pool);
                tracing::info!(attempt, "connected to PostgreSQL");
                return;
            }
            Ok(Err(error)) => {
                tracing::warn!(attempt, %error, retry_in_ms = delay.as_millis() as u64, "PostgreSQL is not ready; retrying");
            }
            Err(error) => {
                tracing::error!(attempt, %error, "database start-up task failed; retrying")
            }
        }
        tokio::time::sleep(delay).await;
        // Capped low: service should return within seconds of PostgreSQL's return.
        delay = (delay * 2).min(Duration::from_secs(2));
    }
}

//! The database: one diesel connection type over SQLite and PostgreSQL (`connection`), migrations
//! (`migrations`), opening the pool (`pool`), the write transaction, and [`Database`], the handle
//! handlers use to run queries on the blocking pool. It knows nothing of the features: what must be ready before
//! the first request (the search index) is start-up's hook, [`AfterMigrating`].

pub mod connection;
pub mod copy;
pub mod migrations;
pub mod pool;
pub mod schema;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use actix_web::web;
use diesel::connection::SimpleConnection as _;
use diesel::{Connection as _, RunQueryDsl as _};

pub use connection::{DbConnection, DbError, Manager, MultiBackend};
pub use migrations::{migrate, run_migrations};
use pool::{build_pool, connect_with_backoff};
pub use pool::{AfterMigrating, Pool};

use crate::config::{DatabaseConfig, DatabaseUrl};
use crate::error::ApiError;

/// SQLite has one writer at a time. Writers of this process queue here, each handed the lock the
/// moment the last one commits; left to SQLite's busy handler they would sleep in steps of up to
/// 100 ms and miss it (a comment load showed a one-second p99). A process serves one database (the
/// tests' many small ones only take turns).
static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `work` in a write transaction. On SQLite it is `BEGIN IMMEDIATE`, which takes the write lock
/// up front: concurrent writers then wait instead of failing with "database is locked" when a read
/// transaction tries to upgrade. `work` must not open transactions of its own.
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    if let DbConnection::Pg(_) = conn {
        return conn.transaction(work);
    }
    let _writer = SQLITE_WRITER.lock().unwrap_or_else(|e| e.into_inner());
    conn.batch_execute("BEGIN IMMEDIATE").map_err(E::from)?;
    match work(conn) {
        Ok(value) => {
            if let Err(error) = conn.batch_execute("COMMIT") {
                let _ = conn.batch_execute("ROLLBACK");
                return Err(E::from(error));
            }
            Ok(value)
        }
        Err(error) => {
            let _ = conn.batch_execute("ROLLBACK");
            Err(error)
        }
    }
}

/// What handlers hold: the pool once the database is reachable and migrated, nothing before.
#[derive(Clone)]
pub struct Database {
    pool: Arc<OnceLock<Pool>>,
    backend: &'static str,
    statements: Arc<AtomicU64>,
    /// One per pooled connection: requests queue here, on the async side, rather than as blocked
    /// threads contending for the pool's lock (which cost a third of the CPU under load).
    slots: Arc<tokio::sync::Semaphore>,
    slot_timeout: std::time::Duration,
    pool_size: u32,
    /// Requests that found every connection in use, and those that gave up (for /metrics).
    waits: Arc<AtomicU64>,
    timeouts: Arc<AtomicU64>,
    /// SQLite's writers take turns here before they take a connection (`run_writing`): waiting
    /// behind a long write with a connection in hand, a few of them would leave none for readers.
    writer_turn: Option<Arc<tokio::sync::Mutex<()>>>,
}

impl Database {
    /// SQLite is opened and migrated now: a failure there is a configuration error and stops start-up.
    /// PostgreSQL may come up after the API, so it is connected in the background with back-off while
    /// the API answers 503. Either way `after_migrating` has run before a query can be.
    pub async fn start(
        config: &DatabaseConfig,
        after_migrating: AfterMigrating,
    ) -> Result<Self, DbError> {
        let database = Database {
            pool: Arc::new(OnceLock::new()),
            backend: config.url.backend_name(),
            statements: Arc::new(AtomicU64::new(0)),
            slots: Arc::new(tokio::sync::Semaphore::new(config.pool_size as usize)),
            slot_timeout: config.pool_timeout,
            pool_size: config.pool_size,
            waits: Arc::new(AtomicU64::new(0)),
            timeouts: Arc::new(AtomicU64::new(0)),
            writer_turn: matches!(config.url, DatabaseUrl::Sqlite(_))
                .then(|| Arc::new(tokio::sync::Mutex::new(()))),
        };
        match &config.url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        DbError::Connect(diesel::ConnectionError::BadConnection(format!(
                            "cannot create {}: {e}",
                            parent.display()
                        )))
                    })?;
                }
                let config = config.clone();
                let statements = database.statements.clone();
                let pool = tokio::task::spawn_blocking(move || {
                    build_pool(&config, statements, after_migrating)
                })
                .await
                .map_err(|e| DbError::Migration(format!("start-up task failed: {e}")))??;
                let _ = database.pool.set(pool);
            }
            DatabaseUrl::Postgres(_) => {
                let config = config.clone();
                let slot = database.pool.clone();
                let statements = database.statements.clone();
                tokio::spawn(async move {
                    connect_with_backoff(config, slot, statements, after_migrating).await
                });
            }
        }
        Ok(database)
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// SQL statements started on this database's connections since start-up.
    pub fn statements_started(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// The pool's connections and idle ones, once the database has been reached.
    pub fn pool_state(&self) -> Option<(u32, u32)> {
        self.pool.get().map(|pool| {
            let state = pool.state();
            (state.connections, state.idle_connections)
        })
    }

    pub fn pool_size(&self) -> u32 {
        self.pool_size
    }

    pub fn waits(&self) -> u64 {
        self.waits.load(Ordering::Relaxed)
    }

    pub fn timeouts(&self) -> u64 {
        self.timeouts.load(Ordering::Relaxed)
    }

    pub fn is_connected(&self) -> bool {
        self.pool.get().is_some()
    }

    /// `run` inside one write transaction. On SQLite that is `BEGIN IMMEDIATE` behind the in-process
    /// writer queue: a transaction that read first and then writes cannot wait for the lock (SQLite
    /// answers "database is locked" at once), so every write goes through here. Not nestable.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_writing(move |conn| write_transaction(conn, work))
            .await
    }

    /// `run` for work that writes (it opens `write_transaction` itself, after reads of its own if
    /// need be). On SQLite it first waits for its turn among the writers, holding no connection.
    pub async fn run_writing<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        // Without a deadline, as writers waited for SQLite's lock before: a view flush of tens of
        // thousands of articles holds the turn for seconds, and a login behind it should still land.
        let _turn = match &self.writer_turn {
            Some(turn) => Some(turn.lock().await),
            None => None,
        };
        self.run(work).await
    }

    /// Runs `work` with a pooled connection on the blocking thread pool, never on the async executor.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.get().cloned().ok_or(ApiError::Unavailable)?;
        // One deadline for the queue and the pool together: a database that is down answers 503
        // within the pool timeout, not twice it.
        let deadline = tokio::time::Instant::now() + self.slot_timeout;
        let slot = match self.slots.clone().try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                self.waits.fetch_add(1, Ordering::Relaxed);
                let timeouts = self.timeouts.clone();
                tokio::time::timeout_at(deadline, self.slots.clone().acquire_owned())
                    .await
                    .map_err(|_| {
                        timeouts.fetch_add(1, Ordering::Relaxed);
                        ApiError::Unavailable
                    })?
                    .map_err(|_| ApiError::Unavailable)?
            }
        };
        let deadline = deadline.into_std();
        let timeouts = self.timeouts.clone();
        web::block(move || {
            let _slot = slot;
            let left = deadline
                .saturating_duration_since(std::time::Instant::now())
                .max(std::time::Duration::from_millis(1));
            let mut conn = pool.get_timeout(left).map_err(|_| {
                timeouts.fetch_add(1, Ordering::Relaxed);
                ApiError::Unavailable
            })?;
            work(&mut conn)
        })
        .await?
    }

    /// Checks that a query gets through right now.
    pub async fn ping(&self) -> Result<(), ApiError> {
        self.run(|conn| {
            diesel::sql_query("SELECT 1")
                .execute(conn)
                .map_err(|_| ApiError::Unavailable)?;
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// The settings of a SQLite database of its own, with two connections, waited for at most
    /// 300 ms.
    fn two_connection_sqlite_config() -> DatabaseConfig {
        let dir = std::env::temp_dir().join(format!("kanwu-db-{}", uuid::Uuid::new_v4()));
        let dir = dir.display().to_string();
        crate::config::Config::from_lookup(|name| match name {
            "KANWU_DATA_DIR" => Some(dir.clone()),
            "KANWU_DB_POOL_SIZE" => Some("2".to_owned()),
            "KANWU_DB_POOL_TIMEOUT_MS" => Some("300".to_owned()),
            _ => None,
        })
        .unwrap()
        .database
    }

    async fn two_connection_sqlite() -> Database {
        Database::start(&two_connection_sqlite_config(), |_| Ok(()))
            .await
            .unwrap()
    }

    #[actix_web::test]
    async fn the_after_migrating_hook_has_run_on_the_migrated_database_when_start_returns() {
        static TABLES_SEEN: AtomicU64 = AtomicU64::new(0);
        fn count_tables(conn: &mut DbConnection) -> Result<(), DbError> {
            #[derive(diesel::QueryableByName)]
            struct Count {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                count: i64,
            }
            let tables: Count = diesel::sql_query(
                "SELECT COUNT(*) AS count FROM sqlite_master WHERE type = 'table' AND name = 'articles'",
            )
            .get_result(conn)?;
            TABLES_SEEN.store(tables.count as u64 + 1, Ordering::SeqCst);
            Ok(())
        }
        let db = Database::start(&two_connection_sqlite_config(), count_tables)
            .await
            .unwrap();
        assert!(db.is_connected());
        assert_eq!(
            TABLES_SEEN.load(Ordering::SeqCst),
            2,
            "the hook ran, and saw the migrated articles table"
        );

        fn fail(_: &mut DbConnection) -> Result<(), DbError> {
            Err(DbError::Migration("the hook failed".into()))
        }
        let failed = Database::start(&two_connection_sqlite_config(), fail).await;
        assert!(
            matches!(failed, Err(DbError::Migration(ref why)) if why == "the hook failed"),
            "a failing hook stops SQLite's start-up"
        );
    }

    #[actix_web::test]
    async fn writers_queued_behind_a_long_write_leave_the_connections_to_readers() {
        let db = two_connection_sqlite().await;
        // Both connections opened first (opening one runs `PRAGMA optimize`, which itself waits
        // for a writer).
        let opening = |db: Database| async move {
            db.run(|_| {
                std::thread::sleep(Duration::from_millis(50));
                Ok(())
            })
            .await
        };
        let (first, second) = tokio::join!(opening(db.clone()), opening(db.clone()));
        first.unwrap();
        second.unwrap();
        let (started, has_started) = tokio::sync::oneshot::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let long_write = {
            let db = db.clone();
            actix_web::rt::spawn(async move {
                db.write(move |_| {
                    let _ = started.send(());
                    let _ = released.recv();
                    Ok(())
                })
                .await
            })
        };
        has_started.await.unwrap();
        let queued: Vec<_> = (0..3)
            .map(|_| {
                let db = db.clone();
                actix_web::rt::spawn(async move { db.write(|_| Ok(())).await })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(100)).await;

        // Had the queued writers each taken a connection to wait with, this read would find none
        // within 300 ms and answer 503.
        let read = db
            .run(|conn| {
                diesel::sql_query("SELECT 1").execute(conn)?;
                Ok(())
            })
            .await;
        assert!(read.is_ok(), "the read got a connection: {read:?}");

        release.send(()).unwrap();
        long_write.await.unwrap().unwrap();
        for writer in queued {
            writer.await.unwrap().unwrap();
        }
    }
}

//! A connection to the database `DATABASE_URL` names: diesel's `MultiConnection` over PostgreSQL
//! and SQLite, opened by [`Manager`] (for the pool and for one-off commands) with SQLite's
//! per-connection settings and the statement counter the tests read.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use diesel::connection::InstrumentationEvent;
use diesel::connection::SimpleConnection as _;
use diesel::r2d2::{self, ManageConnection, R2D2Connection as _};
use diesel::{Connection as _, PgConnection, SqliteConnection};

use crate::config::DatabaseUrl;

/// A connection to whichever backend `DATABASE_URL` chose.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Statements run on every new SQLite connection: WAL for concurrent readers, a busy timeout so
/// writers queue instead of failing with "database is locked", durable commits, and table statistics
/// refreshed where they are missing or stale (`optimize` with a bounded sample, as SQLite advises on
/// opening a connection): without them the planner takes the wrong index at a million articles.
const SQLITE_CONNECTION_SETUP: &str = "PRAGMA journal_mode = WAL;
     PRAGMA busy_timeout = 5000;
     PRAGMA foreign_keys = ON;
     PRAGMA synchronous = FULL;
     PRAGMA analysis_limit = 1000;
     PRAGMA optimize = 0x10002;";

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("cannot open the connection pool: {0}")]
    Pool(#[from] r2d2::PoolError),
}

/// Opens connections of the backend the URL names; never by trial, since SQLite opens any string.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
    statements: Arc<AtomicU64>,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self::counting_into(url, Arc::new(AtomicU64::new(0)))
    }

    /// A manager whose connections count the statements they start into `statements`.
    pub fn counting_into(url: DatabaseUrl, statements: Arc<AtomicU64>) -> Self {
        Manager { url, statements }
    }

    pub fn establish(&self) -> Result<DbConnection, DbError> {
        let statements = self.statements.clone();
        // Counting statements lets tests prove that a page costs the same number of queries
        // whatever the data (no N+1); an atomic increment is all it costs.
        let count_statements = move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { .. } = event {
                statements.fetch_add(1, Ordering::Relaxed);
            }
        };
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn = PgConnection::establish(url)?;
                conn.set_instrumentation(count_statements);
                Ok(DbConnection::Pg(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                let path = path.to_str().ok_or_else(|| {
                    diesel::ConnectionError::InvalidConnectionUrl(
                        "the SQLite path is not UTF-8".into(),
                    )
                })?;
                let mut conn = SqliteConnection::establish(path)?;
                conn.batch_execute(SQLITE_CONNECTION_SETUP)?;
                conn.set_instrumentation(count_statements);
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = DbError;

    fn connect(&self) -> Result<DbConnection, DbError> {
        self.establish()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), DbError> {
        match conn {
            DbConnection::Pg(c) => c.ping()?,
            DbConnection::Sqlite(c) => c.ping()?,
        }
        Ok(())
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        match conn {
            DbConnection::Pg(c) => c.is_broken(),
            DbConnection::Sqlite(c) => c.is_broken(),
        }
    }
}

//! The schema's migrations, embedded per backend and applied at start (`serve`) or by
//! `kanwu migrate`; on PostgreSQL under an advisory lock, so replicas starting together are safe.

use diesel::RunQueryDsl as _;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness as _};

use super::connection::{DbConnection, DbError, Manager};
use crate::config::DatabaseUrl;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Serialises migrations of replicas that start at once (any constant key works; this one spells "kanwu").
const MIGRATION_LOCK_KEY: i64 = 0x006b_616e_7775;

/// Applies pending migrations for the connection's backend; returns how many ran.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, DbError> {
    let migration_error =
        |e: Box<dyn std::error::Error + Send + Sync>| DbError::Migration(e.to_string());
    match conn {
        DbConnection::Sqlite(c) => Ok(c
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map_err(migration_error)?
            .len()),
        DbConnection::Pg(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
                .execute(c)?;
            let applied = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|versions| versions.len())
                .map_err(migration_error);
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
                .execute(c)?;
            applied
        }
    }
}

/// Connects once and migrates: what `kanwu migrate` does.
pub fn migrate(url: &DatabaseUrl) -> Result<usize, DbError> {
    let mut conn = Manager::new(url.clone()).establish()?;
    run_migrations(&mut conn)
}

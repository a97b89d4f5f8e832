//! `kanwu copy-database --to postgres://…`: moves a site from the embedded SQLite database to
//! PostgreSQL, every table and row, in one PostgreSQL transaction (all or nothing). The target is
//! migrated first and must have no content yet; the rows travel as JSON, a thousand at a time,
//! through `json_populate_recordset`, so each column takes PostgreSQL's own type (SQLite's 0/1
//! become booleans, its timestamp text becomes timestamps). Identity counters are moved past the
//! copied ids, so new rows do not collide.

use std::collections::{BTreeMap, BTreeSet};

use diesel::connection::SimpleConnection as _;
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel::{Connection as _, QueryableByName, RunQueryDsl as _};

use super::{migrate, DbConnection, DbError, Manager};
use crate::config::DatabaseUrl;

/// Rows per statement.
const CHUNK: i64 = 1_000;

/// Tables whose rows mean the target already holds a site: copying over them would lose it.
const CONTENT_TABLES: [&str; 4] = ["categories", "articles", "members", "comments"];

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("the source must be the SQLite database (DATABASE_URL unset or sqlite://…)")]
    SourceNotSqlite,
    #[error("the target must be a postgres:// URL")]
    TargetNotPostgres,
    #[error("the target already has content ({0} is not empty); copy into a new database")]
    TargetHasContent(String),
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("{0}")]
    Query(#[from] diesel::result::Error),
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Chunk {
    #[diesel(sql_type = Nullable<Text>)]
    rows: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    last: Option<i64>,
    #[diesel(sql_type = BigInt)]
    count: i64,
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    found: bool,
}

/// Copies every table of `from` (SQLite) into `to` (PostgreSQL); returns the rows copied per table.
pub fn copy_sqlite_to_postgres(
    from: &DatabaseUrl,
    to: &DatabaseUrl,
) -> Result<BTreeMap<String, i64>, CopyError> {
    if !matches!(from, DatabaseUrl::Sqlite(_)) {
        return Err(CopyError::SourceNotSqlite);
    }
    if !matches!(to, DatabaseUrl::Postgres(_)) {
        return Err(CopyError::TargetNotPostgres);
    }
    migrate(from)?;
    migrate(to)?;
    let mut source = Manager::new(from.clone()).establish()?;
    let mut target = Manager::new(to.clone()).establish()?;

    let tables = tables_in_dependency_order(&mut source)?;
    for table in CONTENT_TABLES {
        let found = diesel::sql_query(format!(
            "SELECT EXISTS (SELECT 1 FROM \"{table}\") AS found"
        ))
        .get_result::<Exists>(&mut target)?
        .found;
        if found {
            return Err(CopyError::TargetHasContent(table.to_owned()));
        }
    }

    let mut copied = BTreeMap::new();
    target.transaction::<_, CopyError, _>(|target| {
        // What the migrations put there (the default settings) gives way to the site's own.
        let list = tables
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ");
        target.batch_execute(&format!("TRUNCATE {list} RESTART IDENTITY CASCADE"))?;
        for table in &tables {
            let rows = copy_table(&mut source, target, table)?;
            copied.insert(table.clone(), rows);
        }
        Ok(())
    })?;
    Ok(copied)
}

/// The source's tables, each after the tables its foreign keys point to. The search index is not
/// copied: the target builds its own at its first start (its terms version is still 0).
fn tables_in_dependency_order(source: &mut DbConnection) -> Result<Vec<String>, CopyError> {
    let names: Vec<String> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations' \
         AND name NOT LIKE 'article_search%' AND name <> 'search_index_state' ORDER BY name",
    )
    .load::<Name>(source)?
    .into_iter()
    .map(|n| n.name)
    .collect();
    let mut depends_on = BTreeMap::new();
    for table in &names {
        let parents: BTreeSet<String> = diesel::sql_query(format!(
            "SELECT DISTINCT \"table\" AS name FROM pragma_foreign_key_list('{table}')"
        ))
        .load::<Name>(source)?
        .into_iter()
        .map(|n| n.name)
        .filter(|parent| parent != table)
        .collect();
        depends_on.insert(table.clone(), parents);
    }
    let mut ordered: Vec<String> = Vec::new();
    while ordered.len() < names.len() {
        let ready: Vec<String> = names
            .iter()
            .filter(|t| !ordered.contains(t))
            .filter(|t| depends_on[*t].iter().all(|p| ordered.contains(p)))
            .cloned()
            .collect();
        if ready.is_empty() {
            // A cycle between tables (none in our schema): keep the rest in name order and let
            // PostgreSQL's end-of-transaction checks judge.
            let rest: Vec<String> = names
                .iter()
                .filter(|t| !ordered.contains(t))
                .cloned()
                .collect();
            ordered.extend(rest);
            break;
        }
        ordered.extend(ready);
    }
    Ok(ordered)
}

fn copy_table(
    source: &mut DbConnection,
    target: &mut DbConnection,
    table: &str,
) -> Result<i64, CopyError> {
    let columns: Vec<String> = diesel::sql_query(format!(
        "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
    ))
    .load::<Name>(source)?
    .into_iter()
    .map(|c| c.name)
    .collect();
    let object = columns
        .iter()
        .map(|c| format!("'{c}', \"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut last_rowid = i64::MIN;
    let mut total = 0;
    loop {
        let chunk = diesel::sql_query(format!(
            "SELECT json_group_array(json_object({object})) AS rows, max(rowid) AS last, \
             count(*) AS count FROM (SELECT rowid, * FROM \"{table}\" WHERE rowid > ? \
             ORDER BY rowid LIMIT {CHUNK})"
        ))
        .bind::<BigInt, _>(last_rowid)
        .get_result::<Chunk>(source)?;
        if chunk.count == 0 {
            break;
        }
        diesel::sql_query(format!(
            "INSERT INTO \"{table}\" SELECT * FROM json_populate_recordset(NULL::\"{table}\", $1::json)"
        ))
        .bind::<Text, _>(chunk.rows.unwrap_or_else(|| "[]".into()))
        .execute(target)?;
        total += chunk.count;
        last_rowid = chunk.last.unwrap_or(i64::MAX);
    }
    if columns.iter().any(|c| c == "id") {
        #[derive(QueryableByName)]
        struct Sequence {
            #[diesel(sql_type = Nullable<Text>)]
            sequence: Option<String>,
        }
        let sequence = diesel::sql_query(format!(
            "SELECT pg_get_serial_sequence('\"{table}\"', 'id') AS sequence"
        ))
        .get_result::<Sequence>(target)?
        .sequence;
        // Identity columns continue after the copied ids (text ids, as captchas have, need not).
        if let Some(sequence) = sequence {
            diesel::sql_query(format!(
                "SELECT setval('{sequence}', COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM \"{table}\""
            ))
            .execute(target)?;
        }
    }
    Ok(total)
}

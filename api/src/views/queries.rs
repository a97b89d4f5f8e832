use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::articles::queries::publicly_visible;
use crate::db::schema::articles;
use crate::db::{write_transaction, DbConnection};
use crate::raw_sql::Binds;

/// Rows per statement: a flush of many articles is a few large statements, not two per article.
const CHUNK: usize = 1_000;

/// Adds view deltas to the articles and today's buckets, all or nothing, in one transaction. An
/// article deleted since its views were counted is skipped rather than failing the batch.
pub fn add_views(
    conn: &mut DbConnection,
    deltas: &HashMap<i64, i64>,
    today: NaiveDate,
) -> QueryResult<()> {
    let rows: Vec<(i64, i64)> = deltas.iter().map(|(id, delta)| (*id, *delta)).collect();
    write_transaction(conn, |conn| {
        for chunk in rows.chunks(CHUNK) {
            // Two statements over the same list of `(id, delta)` pairs, each with its own binds.
            let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
            let deltas = deltas_table(&mut binds, chunk);
            binds
                .query(&format!(
                    "UPDATE articles SET views = articles.views + v.delta FROM {deltas} WHERE articles.id = v.id"
                ))
                .execute(conn)?;
            let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
            let deltas = deltas_table(&mut binds, chunk);
            let day = binds.bind(today);
            binds
                .query(&format!(
                    "INSERT INTO article_view_days (article_id, day, views)
                     SELECT v.id, {day}, v.delta FROM {deltas} WHERE v.id IN (SELECT id FROM articles)
                     ON CONFLICT (article_id, day) DO UPDATE SET views = article_view_days.views + excluded.views"
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// The stored view counts of those of `ids` that are public (an article nobody may read has none
/// to show).
pub fn public_totals(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    articles::table
        .filter(articles::id.eq_any(ids))
        .filter(publicly_visible())
        .select((articles::id, articles::views))
        .load(conn)
}

/// `(VALUES (id, delta), …)` as a table `v (id, delta)`, every number bound in `binds`.
fn deltas_table(binds: &mut Binds, rows: &[(i64, i64)]) -> String {
    let mut values = String::with_capacity(rows.len() * 12);
    for (i, (id, delta)) in rows.iter().enumerate() {
        let separator = if i == 0 { "" } else { ", " };
        let (id, delta) = (binds.bind(*id), binds.bind(*delta));
        let _ = write!(values, "{separator}({id}, {delta})");
    }
    format!("(SELECT column1 AS id, column2 AS delta FROM (VALUES {values}) AS t) AS v")
}

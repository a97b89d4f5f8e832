use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text, Timestamp};

use crate::db::DbConnection;

/// A title in a home-page list.
#[derive(Debug, Clone, QueryableByName)]
pub struct TitleRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = BigInt)]
    pub category_id: i64,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Bool)]
    pub pinned: bool,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub published_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, QueryableByName)]
pub struct RankedRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = BigInt)]
    pub category_id: i64,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = BigInt)]
    pub period_views: i64,
}

// The values spliced into these statements are ours (a validated count, a timestamp, a date), never
// client text; literals keep one statement valid on both backends, whose placeholders differ.

fn visible(now: NaiveDateTime) -> String {
    format!(
        "status = 'published' AND published_at IS NOT NULL AND published_at <= '{}' \
         AND deleted_at IS NULL",
        now.format("%Y-%m-%d %H:%M:%S%.6f")
    )
}

/// The latest `per_category` public titles of each category, in one statement: a UNION ALL of
/// one index range scan per category (ids come from the database, never from the client).
pub fn latest_per_category(
    conn: &mut DbConnection,
    category_ids: &[i64],
    per_category: i64,
    now: NaiveDateTime,
) -> QueryResult<Vec<TitleRow>> {
    if category_ids.is_empty() {
        return Ok(Vec::new());
    }
    let visible = visible(now);
    let statement = category_ids
        .iter()
        .map(|id| {
            format!(
                "SELECT * FROM (SELECT id, category_id, title, pinned, published_at FROM articles
                  WHERE category_id = {id} AND {visible}
                  ORDER BY pinned DESC, published_at DESC, id DESC LIMIT {per_category}) AS c{id}"
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    diesel::sql_query(statement).load(conn)
}

pub fn featured(
    conn: &mut DbConnection,
    limit: i64,
    now: NaiveDateTime,
) -> QueryResult<Vec<TitleRow>> {
    diesel::sql_query(format!(
        "SELECT id, category_id, title, pinned, published_at FROM articles
         WHERE featured = {} AND {}
         ORDER BY published_at DESC, id DESC LIMIT {limit}",
        true_literal(conn),
        visible(now)
    ))
    .load(conn)
}

/// The most viewed public articles counting the days since `since`.
pub fn most_viewed_since(
    conn: &mut DbConnection,
    since: NaiveDate,
    limit: i64,
    now: NaiveDateTime,
) -> QueryResult<Vec<RankedRow>> {
    diesel::sql_query(format!(
        // The period's buckets first (an index range on `day`), then each article by its key:
        // `CROSS JOIN` keeps SQLite from scanning every article instead.
        "SELECT a.id, a.category_id, a.title, t.period_views
         FROM (SELECT article_id, CAST(SUM(views) AS BIGINT) AS period_views
               FROM article_view_days WHERE day >= '{}' GROUP BY article_id) t
         CROSS JOIN articles a
         WHERE a.id = t.article_id AND a.{}
         ORDER BY t.period_views DESC, a.id DESC LIMIT {limit}",
        since.format("%Y-%m-%d"),
        visible(now).replace(" AND ", " AND a.")
    ))
    .load(conn)
}

fn true_literal(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Pg(_) => "TRUE",
        DbConnection::Sqlite(_) => "1",
    }
}

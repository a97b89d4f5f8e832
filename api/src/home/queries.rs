use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text, Timestamp};

use crate::articles::visibility::publicly_visible_sql;
use crate::db::DbConnection;
use crate::raw_sql::Binds;

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

// Every value is bound (`raw_sql`); the one statement text serves both backends apart from their
// parameters' spelling. `now` is bound once and named wherever visibility is checked.

/// The latest `per_category` public titles of each category, in one statement: a UNION ALL of
/// one index range scan per category.
pub fn latest_per_category(
    conn: &mut DbConnection,
    category_ids: &[i64],
    per_category: i64,
    now: NaiveDateTime,
) -> QueryResult<Vec<TitleRow>> {
    if category_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
    let visible = publicly_visible_sql("articles", binds.bind(now));
    let limit = binds.bind(per_category);
    let statement = category_ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let id = binds.bind(*id);
            // `c{i}` names the subquery, as SQL requires: a counter, not a value.
            format!(
                "SELECT * FROM (SELECT id, category_id, title, pinned, published_at FROM articles
                  WHERE category_id = {id} AND {visible}
                  ORDER BY pinned DESC, published_at DESC, id DESC LIMIT {limit}) AS c{i}"
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    binds.query(&statement).load(conn)
}

pub fn featured(
    conn: &mut DbConnection,
    limit: i64,
    now: NaiveDateTime,
) -> QueryResult<Vec<TitleRow>> {
    let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
    let visible = publicly_visible_sql("articles", binds.bind(now));
    let limit = binds.bind(limit);
    // `featured` is compared with the backend's own TRUE literal, a fixed text, so the statement
    // matches the partial index as before.
    binds
        .query(&format!(
            "SELECT id, category_id, title, pinned, published_at FROM articles
             WHERE featured = {} AND {visible}
             ORDER BY published_at DESC, id DESC LIMIT {limit}",
            true_literal(conn),
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
    let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
    let since = binds.bind(since);
    let visible = publicly_visible_sql("a", binds.bind(now));
    let limit = binds.bind(limit);
    binds
        .query(&format!(
            // The period's buckets first (an index range on `day`), then each article by its key:
            // `CROSS JOIN` keeps SQLite from scanning every article instead.
            "SELECT a.id, a.category_id, a.title, t.period_views
             FROM (SELECT article_id, CAST(SUM(views) AS BIGINT) AS period_views
                   FROM article_view_days WHERE day >= {since} GROUP BY article_id) t
             CROSS JOIN articles a
             WHERE a.id = t.article_id AND {visible}
             ORDER BY t.period_views DESC, a.id DESC LIMIT {limit}"
        ))
        .load(conn)
}

fn true_literal(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Pg(_) => "TRUE",
        DbConnection::Sqlite(_) => "1",
    }
}

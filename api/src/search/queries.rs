//! The search index (`article_search`) and the search over it. The index holds the terms of every
//! published, untrashed article; whether an article is visible yet (its publish time) and the
//! filters are read from `articles` at query time.
//! Longer than 400 lines because the index's upkeep and the search over it share its layout, and
//! each backend's statements are written out beside the measurements that chose them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Text};

use super::terms::{self, document_terms, Query, TERMS_VERSION};
use crate::articles::model::{ArticleStatus, ArticleSummary, Visibility};
use crate::articles::render::markdown_to_plain_text;
use crate::articles::visibility::publicly_visible_sql;
use crate::db::schema::articles;
use crate::db::DbConnection;
use crate::domain::Pagination;
use crate::raw_sql::{Binds, Param};

/// What an article gives the index. Bodies of members-only articles are not indexed: a search
/// must not reveal what only members may read (their titles and summaries are public anyway).
struct Entry {
    title: Vec<String>,
    summary: Vec<String>,
    body: Vec<String>,
}

type Source = (i64, String, Option<String>, String, String, Visibility);

fn entry_of((_, title, subtitle, summary, body, visible_to): &Source) -> Entry {
    let title = match subtitle {
        Some(subtitle) => format!("{title} {subtitle}"),
        None => title.clone(),
    };
    Entry {
        title: document_terms(&title),
        summary: document_terms(summary),
        body: if *visible_to == Visibility::Public {
            document_terms(&markdown_to_plain_text(body))
        } else {
            Vec::new()
        },
    }
}

fn indexable() -> diesel::dsl::And<
    diesel::dsl::Eq<articles::status, ArticleStatus>,
    diesel::dsl::IsNull<articles::deleted_at>,
> {
    articles::status
        .eq(ArticleStatus::Published)
        .and(articles::deleted_at.is_null())
}

fn source_columns() -> (
    articles::id,
    articles::title,
    articles::subtitle,
    articles::summary,
    articles::body_markdown,
    articles::visibility,
) {
    (
        articles::id,
        articles::title,
        articles::subtitle,
        articles::summary,
        articles::body_markdown,
        articles::visibility,
    )
}

fn remove(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("DELETE FROM article_search WHERE rowid = ?")
                .bind::<BigInt, _>(id)
                .execute(c)?;
        }
        DbConnection::Pg(c) => {
            for table in ["article_search", "article_search_terms"] {
                // `table` is one of these two names, never a value.
                diesel::sql_query(format!("DELETE FROM {table} WHERE article_id = $1"))
                    .bind::<BigInt, _>(id)
                    .execute(c)?;
            }
        }
    }
    Ok(())
}

fn insert(conn: &mut DbConnection, id: i64, entry: &Entry) -> QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query(
                "INSERT INTO article_search (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
            )
            .bind::<BigInt, _>(id)
            .bind::<Text, _>(entry.title.join(" "))
            .bind::<Text, _>(entry.summary.join(" "))
            .bind::<Text, _>(entry.body.join(" "))
            .execute(c)?;
        }
        DbConnection::Pg(c) => {
            let title = terms::tsvector_literal(&[(&entry.title, 'A')]);
            let document = terms::tsvector_literal(&[
                (&entry.title, 'A'),
                (&entry.summary, 'B'),
                (&entry.body, 'D'),
            ]);
            diesel::sql_query(
                "INSERT INTO article_search (article_id, title, document) \
                 VALUES ($1, CAST($2 AS tsvector), CAST($3 AS tsvector))",
            )
            .bind::<BigInt, _>(id)
            .bind::<Text, _>(title)
            .bind::<Text, _>(document)
            .execute(c)?;
            diesel::sql_query(
                "INSERT INTO article_search_terms (article_id, terms) \
                 VALUES ($1, CAST($2 AS tsvector))",
            )
            .bind::<BigInt, _>(id)
            .bind::<Text, _>(terms::candidates_literal(&[
                &entry.title,
                &entry.summary,
                &entry.body,
            ]))
            .execute(c)?;
        }
    }
    Ok(())
}

/// Brings the index in line with article `id` as it now is (created, edited, published,
/// unpublished, trashed, restored or purged). Call in the transaction that changed it.
pub fn index_article(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    let source: Option<Source> = articles::table
        .find(id)
        .filter(indexable())
        .select(source_columns())
        .first(conn)
        .optional()?;
    remove(conn, id)?;
    if let Some(source) = source {
        insert(conn, id, &entry_of(&source))?;
    }
    Ok(())
}

/// Indexes every article again, in batches; returns how many are in the index.
pub fn rebuild(conn: &mut DbConnection) -> QueryResult<i64> {
    diesel::sql_query("DELETE FROM article_search").execute(conn)?;
    if let DbConnection::Pg(c) = conn {
        diesel::sql_query("DELETE FROM article_search_terms").execute(c)?;
    }
    let mut indexed = 0;
    let mut after = 0;
    loop {
        let batch: Vec<Source> = articles::table
            .filter(indexable())
            .filter(articles::id.gt(after))
            .order(articles::id)
            .limit(500)
            .select(source_columns())
            .load(conn)?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        for source in &batch {
            insert(conn, source.0, &entry_of(source))?;
        }
        indexed += batch.len() as i64;
    }
    let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
    let version = binds.bind(TERMS_VERSION);
    binds
        .query(&format!(
            "UPDATE search_index_state SET terms_version = {version}"
        ))
        .execute(conn)?;
    Ok(indexed)
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = Integer)]
    terms_version: i32,
}

/// Rebuilds the index when it holds another version of the terms (or none yet: a database from
/// before search, or one just copied); `Some(articles indexed)` when it did. Runs at start, after
/// the migrations and before the first search (start-up passes it to `Database::start`).
pub fn ensure_current(conn: &mut DbConnection) -> QueryResult<Option<i64>> {
    crate::db::write_transaction(conn, |conn| {
        if let DbConnection::Pg(c) = conn {
            // Replicas starting together: one builds, the others then find it current.
            diesel::sql_query(format!("SELECT pg_advisory_xact_lock({REBUILD_LOCK_KEY})"))
                .execute(c)?;
        }
        let current: Version =
            diesel::sql_query("SELECT terms_version FROM search_index_state").get_result(conn)?;
        if current.terms_version == TERMS_VERSION {
            return Ok(None);
        }
        rebuild(conn).map(Some)
    })
}

/// An arbitrary application-wide key for PostgreSQL's advisory lock ("kanwu search").
const REBUILD_LOCK_KEY: i64 = 0x6b61_6e77_7573;

/// The search filters besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchFilter {
    pub category_ids: Option<Vec<i64>>,
    pub published_after: Option<NaiveDateTime>,
    pub published_before: Option<NaiveDateTime>,
}

#[derive(QueryableByName)]
pub struct HitRow {
    #[diesel(embed)]
    pub article: ArticleSummary,
    #[diesel(sql_type = Bool)]
    pub in_title: bool,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

const HIT_COLUMNS: &str = "a.id, a.category_id, a.title, a.subtitle, a.author, a.summary, \
     a.cover_url, a.featured, a.headline, a.pinned, a.published_at, a.views, a.comment_count, \
     a.visibility";

/// The visibility and filter conditions on `articles a`, their values bound in `binds`.
fn conditions(filter: &SearchFilter, now: NaiveDateTime, binds: &mut Binds) -> String {
    let mut conditions = publicly_visible_sql("a", binds.bind(now));
    if let Some(ids) = &filter.category_ids {
        let ids: Vec<String> = ids.iter().map(|id| binds.bind(*id).to_string()).collect();
        let ids = if ids.is_empty() {
            "NULL".to_owned()
        } else {
            ids.join(", ")
        };
        conditions.push_str(&format!(" AND a.category_id IN ({ids})"));
    }
    if let Some(after) = filter.published_after {
        conditions.push_str(&format!(" AND a.published_at >= {}", binds.bind(after)));
    }
    if let Some(before) = filter.published_before {
        conditions.push_str(&format!(" AND a.published_at < {}", binds.bind(before)));
    }
    conditions
}

/// Which hits: those whose title matches (they come first), or the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Rest,
}

/// The FTS5 expression of `part` (or of every hit); FTS5 restricts a phrase to a column by a prefix.
fn fts5_expression(query: &Query, part: Option<Part>) -> String {
    let all = query.to_fts5();
    let title = all
        .split(" AND ")
        .map(|phrase| format!("title : {phrase}"))
        .collect::<Vec<_>>()
        .join(" AND ");
    match part {
        None => all,
        Some(Part::Title) => title,
        Some(Part::Rest) => format!("({all}) NOT ({title})"),
    }
}

/// PostgreSQL's visible hits of `part`: `FROM … WHERE …` over `articles a`, and the column to order
/// them by (newest first); the tsquery literals are bound in `binds`.
///
/// The candidates come from `article_search_terms` (terms and pairs of consecutive terms, exact in
/// its GIN index), newest first, and each in turn is checked against `articles` (visibility,
/// filters) and, where needed, its positions and title, until the page or the count's cap is full:
/// a query most articles match stops after a few rows, a rare one has few candidates. Left to
/// choose, PostgreSQL guesses a phrase at one row (reading and decompressing the `tsvector` of every
/// article holding its terms anywhere: 0.9 s for 秘书队伍建设 at 100,000 articles) and a rare term
/// at 500 (walking every row for a page of 20: 0.8 s). Title hits are read from the titles' own
/// index: titles are short and kept in the row, so checking one costs little either way.
fn pg_hits(
    query: &Query,
    part: Option<Part>,
    conditions: &str,
    binds: &mut Binds,
) -> (String, &'static str) {
    if part == Some(Part::Title) {
        let full = binds.bind(query.to_tsquery());
        return (
            format!(
                "FROM article_search s JOIN articles a ON a.id = s.article_id \
                 WHERE s.title @@ CAST({full} AS tsquery) AND {conditions}"
            ),
            "s.article_id",
        );
    }
    let candidates = binds.bind(query.to_candidates_tsquery());
    let mut from = format!(
        "FROM (SELECT id FROM search_candidates(CAST({candidates} AS tsquery)) AS c (id) \
               ORDER BY id DESC OFFSET 0) c \
         CROSS JOIN LATERAL (SELECT {HIT_COLUMNS} FROM articles a \
               WHERE a.id = c.id AND {conditions} OFFSET 0) a"
    );
    let needs_positions = query.needs_positions();
    if needs_positions || part == Some(Part::Rest) {
        let full: Param = binds.bind(query.to_tsquery());
        let mut checks = Vec::new();
        if needs_positions {
            checks.push(format!("s.document @@ CAST({full} AS tsquery)"));
        }
        if part == Some(Part::Rest) {
            checks.push(format!("NOT s.title @@ CAST({full} AS tsquery)"));
        }
        from.push_str(&format!(
            " CROSS JOIN LATERAL (SELECT 1 FROM article_search s \
                   WHERE s.article_id = a.id AND {} OFFSET 0) m",
            checks.join(" AND ")
        ));
    }
    (from, "c.id")
}

fn is_unfiltered(filter: &SearchFilter) -> bool {
    *filter == SearchFilter::default()
}

/// How many visible articles match (in `part`, or at all): exactly on SQLite, up to one past
/// `MAX_HITS` on PostgreSQL (callers cap at `MAX_HITS`).
pub fn count(
    conn: &mut DbConnection,
    query: &Query,
    filter: &SearchFilter,
    part: Option<Part>,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    if matches!(conn, DbConnection::Pg(_)) {
        return capped_pg_count(conn, query, filter, part, now);
    }
    let expression = fts5_expression(query, part);
    if is_unfiltered(filter) {
        // The index counts alone (it holds published, untrashed articles: only those scheduled
        // for later are not visible yet, and they are few). Reading `articles` for each of
        // 100,000 hits costs ten to a hundred times more.
        let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
        let matching = binds.bind(expression.clone());
        let indexed: Count = binds
            .query(&format!(
                "SELECT COUNT(*) AS count FROM article_search WHERE article_search MATCH {matching}"
            ))
            .get_result(conn)?;
        let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
        let (now, matching) = (binds.bind(now), binds.bind(expression));
        let scheduled: Count = binds
            .query(&format!(
                "SELECT COUNT(*) AS count FROM articles a CROSS JOIN article_search s \
                   ON s.rowid = a.id \
                 WHERE a.status = '{published}' AND a.deleted_at IS NULL AND a.published_at > {now} \
                   AND article_search MATCH {matching}",
                published = ArticleStatus::Published.as_str(),
            ))
            .get_result(conn)?;
        return Ok(indexed.count - scheduled.count);
    }
    let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
    let conditions = conditions(filter, now, &mut binds);
    let matching = binds.bind(expression);
    // The filters walk a covering index of the articles and each id is checked against the hits:
    // SQLite's own choice reads every hit's row instead (20× slower). The index is one of two names.
    let index = if filter.category_ids.is_some() {
        "articles_category_listing"
    } else {
        "articles_listing"
    };
    let counted: Count = binds
        .query(&format!(
            "SELECT COUNT(*) AS count FROM articles a INDEXED BY {index} \
             WHERE {conditions} \
               AND a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH {matching})"
        ))
        .get_result(conn)?;
    Ok(counted.count)
}

/// PostgreSQL counts only up to one past `MAX_HITS`, newest first, the way it reads a page: each
/// hit of a phrase has its positions read and decompressed, so an exact count of a phrase that most
/// articles hold would cost a second at 100,000 articles.
fn capped_pg_count(
    conn: &mut DbConnection,
    query: &Query,
    filter: &SearchFilter,
    part: Option<Part>,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
    let conditions = conditions(filter, now, &mut binds);
    let (hits, order) = pg_hits(query, part, &conditions, &mut binds);
    let cap = binds.bind(MAX_HITS + 1);
    let counted: Vec<Count> = binds
        .query(&format!(
            "SELECT COUNT(*) AS count FROM (SELECT 1 {hits} ORDER BY {order} DESC LIMIT {cap}) AS hits"
        ))
        .load(conn)?;
    Ok(counted.first().map_or(0, |c| c.count))
}

/// Hits beyond this many are neither counted exactly nor paged (a search engine's "1,000+", as
/// Elasticsearch stops at 10,000 by default): a reader narrows the search long before.
pub const MAX_HITS: i64 = 1_000;

/// `limit` hits of `part` after the first `offset`, newest first. The index is walked in the order
/// of article ids (the order articles were added) and stops at the page's end, so a page costs the
/// same however many articles match.
fn part_page(
    conn: &mut DbConnection,
    query: &Query,
    filter: &SearchFilter,
    part: Part,
    (limit, offset): (i64, i64),
    now: NaiveDateTime,
) -> QueryResult<Vec<HitRow>> {
    let mut binds = Binds::new(matches!(conn, DbConnection::Pg(_)));
    let conditions = conditions(filter, now, &mut binds);
    let in_title = part == Part::Title;
    // `in_title` is written as one of two fixed literals per backend, never a value.
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            let matching = binds.bind(fts5_expression(query, Some(part)));
            let (limit, offset) = (binds.bind(limit), binds.bind(offset));
            format!(
                "SELECT {HIT_COLUMNS}, {in_title} AS in_title \
                 FROM article_search s JOIN articles a ON a.id = s.rowid \
                 WHERE article_search MATCH {matching} AND {conditions} \
                 ORDER BY s.rowid DESC LIMIT {limit} OFFSET {offset}",
                in_title = if in_title { "1" } else { "0" },
            )
        }
        DbConnection::Pg(_) => {
            let (hits, order) = pg_hits(query, Some(part), &conditions, &mut binds);
            let (limit, offset) = (binds.bind(limit), binds.bind(offset));
            format!(
                "SELECT {HIT_COLUMNS}, {in_title} AS in_title {hits} \
                 ORDER BY {order} DESC LIMIT {limit} OFFSET {offset}",
                in_title = if in_title { "TRUE" } else { "FALSE" },
            )
        }
    };
    binds.query(&sql).load(conn)
}

/// How many hits a search has: in titles, and at all (each as counted, up to one past `MAX_HITS`).
#[derive(Debug, Clone, Copy)]
pub struct Totals {
    pub in_title: i64,
    pub all: i64,
}

/// One page of hits: the title hits first, then the rest, each newest first. A part known to hold
/// nothing more for the page is not read (reading it would walk its index to the end).
pub fn search(
    conn: &mut DbConnection,
    query: &Query,
    filter: &SearchFilter,
    page: Pagination,
    totals: Totals,
    now: NaiveDateTime,
) -> QueryResult<Vec<HitRow>> {
    let (limit, offset) = (page.per_page(), page.offset());
    let in_title = totals.in_title.min(MAX_HITS);
    let mut hits = Vec::new();
    if offset < in_title {
        hits = part_page(conn, query, filter, Part::Title, (limit, offset), now)?;
    }
    let missing = limit - hits.len() as i64;
    let skip = (offset - in_title).max(0);
    let rest_known_empty = totals.all <= MAX_HITS && skip >= totals.all - in_title;
    if missing > 0 && !rest_known_empty {
        hits.extend(part_page(
            conn,
            query,
            filter,
            Part::Rest,
            (missing, skip),
            now,
        )?);
    }
    Ok(hits)
}

/// The plain text of the bodies of `ids` that a snippet may quote (public ones only).
pub fn quotable_bodies(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    let rows: Vec<(i64, String)> = articles::table
        .filter(articles::id.eq_any(ids))
        .filter(articles::visibility.eq(Visibility::Public))
        .select((articles::id, articles::body_markdown))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, body)| (id, markdown_to_plain_text(&body)))
        .collect())
}

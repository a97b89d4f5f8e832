//! The articles' public reads: lists, the article page and its neighbours, and what other
//! features read of them. Editors' reads and every write are in [`editorial`].

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Article, ArticleSummary};
use crate::db::schema::articles;
use crate::db::{DbConnection, MultiBackend};
use crate::domain::Pagination;

pub use super::cursor::Cursor;
pub use super::visibility::{publicly_visible, publicly_visible_at};

pub mod editorial;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Featured,
    Headline,
    Pinned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Pinned first, then newest.
    #[default]
    Latest,
    /// Most viewed of all time.
    Views,
    /// Most viewed on the days since (and including) this date.
    ViewsSince(chrono::NaiveDate),
    Comments,
}

/// A validated list request.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub category_ids: Option<Vec<i64>>,
    pub flag: Option<Flag>,
    pub author: Option<String>,
    pub published_after: Option<NaiveDateTime>,
    pub published_before: Option<NaiveDateTime>,
    pub text: Option<String>,
    pub sort: Sort,
    /// With `Sort::Latest`: only what comes after this point (keyset pagination).
    pub after: Option<Cursor>,
}

fn filtered(filter: &ArticleFilter) -> articles::BoxedQuery<'static, MultiBackend> {
    filtered_until(filter, chrono::Utc::now().naive_utc())
}

/// The public list published at or before `until` (at most now). SQLite seeks an index range on one
/// upper bound only: where a query has its own bound below now, it must be the visibility bound, or
/// SQLite walks every entry between the two.
fn filtered_until(
    filter: &ArticleFilter,
    until: NaiveDateTime,
) -> articles::BoxedQuery<'static, MultiBackend> {
    let until = until.min(chrono::Utc::now().naive_utc());
    with_filters(
        articles::table
            .filter(publicly_visible_at(until))
            .into_boxed(),
        filter,
    )
}

/// The list filters, on top of `query` (the public list or the editors' one).
pub fn with_filters(
    mut query: articles::BoxedQuery<'static, MultiBackend>,
    filter: &ArticleFilter,
) -> articles::BoxedQuery<'static, MultiBackend> {
    if let Some(ids) = &filter.category_ids {
        query = query.filter(articles::category_id.eq_any(ids.clone()));
    }
    query = match filter.flag {
        Some(Flag::Featured) => query.filter(articles::featured.eq(true)),
        Some(Flag::Headline) => query.filter(articles::headline.eq(true)),
        Some(Flag::Pinned) => query.filter(articles::pinned.eq(true)),
        None => query,
    };
    if let Some(author) = &filter.author {
        query = query.filter(articles::author.eq(author.clone()));
    }
    if let Some(after) = filter.published_after {
        query = query.filter(articles::published_at.assume_not_null().ge(after));
    }
    if let Some(before) = filter.published_before {
        query = query.filter(articles::published_at.assume_not_null().lt(before));
    }
    if let Some(text) = &filter.text {
        // Chinese has no spaces between words, so this is a substring match, not a word search.
        let pattern = format!("%{}%", escape_like(text));
        query = query.filter(
            articles::title
                .like(pattern.clone())
                .escape('\\')
                .or(articles::summary.like(pattern).escape('\\')),
        );
    }
    query
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// One page of the list and the total number of matches.
pub fn list(
    conn: &mut DbConnection,
    filter: &ArticleFilter,
    page: Pagination,
) -> QueryResult<Vec<ArticleSummary>> {
    if filter.sort == Sort::Latest {
        return latest(conn, filter, page);
    }
    let query = filtered(filter).select(ArticleSummary::as_select());
    // Every order ends with id, so equal keys always come out the same way.
    let query = match filter.sort {
        // (`Latest` was answered above.)
        Sort::Latest | Sort::Views => query.order((articles::views.desc(), articles::id.desc())),
        Sort::ViewsSince(since) => query
            .order(
                diesel::dsl::sql::<diesel::sql_types::BigInt>(
                    "(SELECT COALESCE(SUM(d.views), 0) FROM article_view_days d \
                      WHERE d.article_id = articles.id AND d.day >= ",
                )
                .bind::<diesel::sql_types::Date, _>(since)
                .sql(") DESC"),
            )
            .then_order_by(articles::id.desc()),
        Sort::Comments => query.order((articles::comment_count.desc(), articles::id.desc())),
    };
    query
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)
}

/// How many articles match `filter`, whatever its order or cursor (`X-Total-Count`).
pub fn count(conn: &mut DbConnection, filter: &ArticleFilter) -> QueryResult<i64> {
    filtered(filter).count().get_result(conn)
}

/// The `latest` order (pinned first, then newest, then highest id) as up to two queries, one per
/// pinned state: with `pinned = ?` fixed, the listing index yields the rows already in order, so a
/// page is an index seek (and a cursor one from its point) instead of sorting every match.
fn latest(
    conn: &mut DbConnection,
    filter: &ArticleFilter,
    page: Pagination,
) -> QueryResult<Vec<ArticleSummary>> {
    let limit = page.per_page();
    let part = |conn: &mut DbConnection,
                pinned: bool,
                after: Option<Cursor>,
                offset: i64,
                limit: i64|
     -> QueryResult<Vec<ArticleSummary>> {
        let query = match after {
            // "Before (t, id)" as the neighbours write it, bounded by t (see `filtered_until`).
            Some(after) => {
                let published = articles::published_at.assume_not_null();
                filtered_until(filter, after.published_at).filter(
                    published
                        .lt(after.published_at)
                        .or(articles::id.lt(after.id)),
                )
            }
            None => filtered(filter),
        };
        query
            .filter(articles::pinned.eq(pinned))
            .select(ArticleSummary::as_select())
            .order((articles::published_at.desc(), articles::id.desc()))
            .limit(limit)
            .offset(offset)
            .load(conn)
    };
    let mut items = match filter.after {
        Some(after) if !after.pinned => return part(conn, false, Some(after), 0, limit),
        Some(after) => part(conn, true, Some(after), 0, limit)?,
        None => {
            let pinned: i64 = filtered(filter)
                .filter(articles::pinned.eq(true))
                .count()
                .get_result(conn)?;
            if page.offset() >= pinned {
                return part(conn, false, None, page.offset() - pinned, limit);
            }
            part(conn, true, None, page.offset(), limit)?
        }
    };
    // The pinned ones ran out within the page: the newest unpinned ones follow.
    let missing = limit - items.len() as i64;
    if missing > 0 {
        items.extend(part(conn, false, None, 0, missing)?);
    }
    Ok(items)
}

pub fn find_public(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Article>> {
    articles::table
        .filter(articles::id.eq(id))
        .filter(publicly_visible())
        .select(Article::as_select())
        .first(conn)
        .optional()
}

/// A neighbouring article's id and title.
pub type Neighbour = (i64, String);

/// The neighbours of an article in its category by publish time (ties broken by id):
/// `(older, newer)`. "Before (t, id)" is written `published_at <= t AND (published_at < t OR id < id)`:
/// the first half makes it an index range, and the whole stays plain diesel so its prepared
/// statement is cached.
pub fn neighbours(
    conn: &mut DbConnection,
    article: &Article,
) -> QueryResult<(Option<Neighbour>, Option<Neighbour>)> {
    let Some(published_at) = article.published_at else {
        return Ok((None, None));
    };
    // SQLite reads the listing index (its order starts with `pinned`) in order only with the pinned
    // state fixed: one seek per state, then the nearer of the two. PostgreSQL plans the plain query
    // well, and two more statements per page cost it a third of its throughput on hot pages.
    let states: &[Option<bool>] = match conn {
        DbConnection::Pg(_) => &[None],
        DbConnection::Sqlite(_) => &[Some(false), Some(true)],
    };
    let mut older: Option<(NaiveDateTime, i64, String)> = None;
    let mut newer: Option<(NaiveDateTime, i64, String)> = None;
    for &pinned in states {
        if let Some((at, id, title)) = neighbour(conn, article, published_at, pinned, true)? {
            if older.as_ref().is_none_or(|(t, i, _)| (at, id) > (*t, *i)) {
                older = Some((at, id, title));
            }
        }
        if let Some((at, id, title)) = neighbour(conn, article, published_at, pinned, false)? {
            if newer.as_ref().is_none_or(|(t, i, _)| (at, id) < (*t, *i)) {
                newer = Some((at, id, title));
            }
        }
    }
    let link =
        |found: Option<(NaiveDateTime, i64, String)>| found.map(|(_, id, title)| (id, title));
    Ok((link(older), link(newer)))
}

/// The latest `limit` public articles of a category (or of the site), as (id, category, title):
/// the candidates for 相关文章. Walks the listing index in order (pinned first, as the lists are).
pub fn latest_titles(
    conn: &mut DbConnection,
    category_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<(i64, i64, String)>> {
    let mut query = articles::table
        .filter(publicly_visible())
        .order((
            articles::pinned.desc(),
            articles::published_at.desc(),
            articles::id.desc(),
        ))
        .select((articles::id, articles::category_id, articles::title))
        .limit(limit)
        .into_boxed();
    if let Some(id) = category_id {
        query = query.filter(articles::category_id.eq(id));
    }
    query.load(conn)
}

/// The nearest older (or newer) public article in the same category, among the pinned or unpinned
/// ones when `pinned` says which. Each combination is a concrete diesel type, so every one keeps
/// its prepared statement.
fn neighbour(
    conn: &mut DbConnection,
    article: &Article,
    published_at: NaiveDateTime,
    pinned: Option<bool>,
    older: bool,
) -> QueryResult<Option<(NaiveDateTime, i64, String)>> {
    let published = articles::published_at.assume_not_null();
    let columns = (articles::published_at, articles::id, articles::title);
    // Older ones are bounded by the article's own time, not also by now (see `filtered_until`).
    let older_query = articles::table
        .filter(publicly_visible_at(published_at))
        .filter(articles::category_id.eq(article.category_id))
        .filter(published.lt(published_at).or(articles::id.lt(article.id)))
        .select(columns)
        .order((articles::published_at.desc(), articles::id.desc()));
    let newer_query = articles::table
        .filter(publicly_visible())
        .filter(articles::category_id.eq(article.category_id))
        .filter(published.ge(published_at))
        .filter(published.gt(published_at).or(articles::id.gt(article.id)))
        .select(columns)
        .order((articles::published_at.asc(), articles::id.asc()));
    let found: Option<(Option<NaiveDateTime>, i64, String)> = match (older, pinned) {
        (true, None) => older_query.first(conn).optional()?,
        (true, Some(state)) => older_query
            .filter(articles::pinned.eq(state))
            .first(conn)
            .optional()?,
        (false, None) => newer_query.first(conn).optional()?,
        (false, Some(state)) => newer_query
            .filter(articles::pinned.eq(state))
            .first(conn)
            .optional()?,
    };
    Ok(found.and_then(|(at, id, title)| Some((at?, id, title))))
}

pub fn is_public(conn: &mut DbConnection, id: i64) -> QueryResult<Option<i64>> {
    articles::table
        .filter(articles::id.eq(id))
        .filter(publicly_visible())
        .select(articles::views)
        .first(conn)
        .optional()
}

/// Any article, whatever its status, trashed ones included: for editors.
pub fn find_any(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Article>> {
    articles::table
        .find(id)
        .select(Article::as_select())
        .first(conn)
        .optional()
}

/// Whether a public article takes comments; `None` when no public article has this id.
pub fn comments_open(conn: &mut DbConnection, id: i64) -> QueryResult<Option<bool>> {
    articles::table
        .filter(articles::id.eq(id))
        .filter(publicly_visible())
        .select(articles::comments_open)
        .first(conn)
        .optional()
}

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{status, Article, ArticleSummary};
use crate::db::schema::articles;
use crate::db::{DbConnection, MultiBackend};
use crate::domain::Pagination;

/// A concrete expression type rather than a boxed one: diesel caches the prepared statement of a
/// query only when its whole type is known, which saves PostgreSQL a parse and plan per request.
type ArticlePredicate = diesel::dsl::And<
    diesel::dsl::And<
        diesel::dsl::Eq<articles::status, &'static str>,
        diesel::dsl::IsNotNull<articles::published_at>,
    >,
    diesel::dsl::LtEq<diesel::dsl::AssumeNotNull<articles::published_at>, NaiveDateTime>,
>;

pub fn publicly_visible() -> ArticlePredicate {
    visible_at(chrono::Utc::now().naive_utc())
}

fn visible_at(now: NaiveDateTime) -> ArticlePredicate {
    articles::status
        .eq(status::PUBLISHED)
        .and(articles::published_at.is_not_null())
        .and(articles::published_at.assume_not_null().le(now))
}

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
}

fn filtered(filter: &ArticleFilter) -> articles::BoxedQuery<'static, MultiBackend> {
    let mut query = articles::table.filter(publicly_visible()).into_boxed();
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
) -> QueryResult<(Vec<ArticleSummary>, i64)> {
    let total: i64 = filtered(filter).count().get_result(conn)?;
    let query = filtered(filter).select(ArticleSummary::as_select());
    // Every order ends with id, so equal keys always come out the same way.
    let query = match filter.sort {
        Sort::Latest => query.order((
            articles::pinned.desc(),
            articles::published_at.desc(),
            articles::id.desc(),
        )),
        Sort::Views => query.order((articles::views.desc(), articles::id.desc())),
        Sort::ViewsSince(since) => query
            .order(diesel::dsl::sql::<diesel::sql_types::BigInt>(&format!(
                // The date is ours (a NaiveDate), never the client's text.
                "(SELECT COALESCE(SUM(d.views), 0) FROM article_view_days d \
                  WHERE d.article_id = articles.id AND d.day >= '{}') DESC",
                since.format("%Y-%m-%d")
            )))
            .then_order_by(articles::id.desc()),
        Sort::Comments => query.order((articles::comment_count.desc(), articles::id.desc())),
    };
    let items = query
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)?;
    Ok((items, total))
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
/// the first half makes it one index range scan, and the whole stays plain diesel so its prepared
/// statement is cached.
pub fn neighbours(
    conn: &mut DbConnection,
    article: &Article,
) -> QueryResult<(Option<Neighbour>, Option<Neighbour>)> {
    let Some(published_at) = article.published_at else {
        return Ok((None, None));
    };
    let in_category = || {
        articles::table
            .filter(publicly_visible())
            .filter(articles::category_id.eq(article.category_id))
            .select((articles::id, articles::title))
    };
    let published = articles::published_at.assume_not_null();
    let older = in_category()
        .filter(published.le(published_at))
        .filter(published.lt(published_at).or(articles::id.lt(article.id)))
        .order((articles::published_at.desc(), articles::id.desc()))
        .first(conn)
        .optional()?;
    let newer = in_category()
        .filter(published.ge(published_at))
        .filter(published.gt(published_at).or(articles::id.gt(article.id)))
        .order((articles::published_at.asc(), articles::id.asc()))
        .first(conn)
        .optional()?;
    Ok((older, newer))
}

pub fn is_public(conn: &mut DbConnection, id: i64) -> QueryResult<Option<i64>> {
    articles::table
        .filter(articles::id.eq(id))
        .filter(publicly_visible())
        .select(articles::views)
        .first(conn)
        .optional()
}

//! The one definition of a publicly visible article (published, with a publish time at or before
//! now, not in the trash): as a diesel expression for every query in the DSL, and as a fragment with
//! its time bound for the raw SQL of search and the home page.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::ArticleStatus;
use crate::db::schema::articles;
use crate::raw_sql::Param;

/// A concrete expression type rather than a boxed one: diesel caches the prepared statement of a
/// query only when its whole type is known, which saves PostgreSQL a parse and plan per request.
type PublishedBy = diesel::dsl::And<
    diesel::dsl::And<
        diesel::dsl::Eq<articles::status, ArticleStatus>,
        diesel::dsl::IsNotNull<articles::published_at>,
    >,
    diesel::dsl::LtEq<diesel::dsl::AssumeNotNull<articles::published_at>, NaiveDateTime>,
>;
type ArticlePredicate = diesel::dsl::And<PublishedBy, diesel::dsl::IsNull<articles::deleted_at>>;

/// Publicly visible now: see [`publicly_visible_at`].
pub fn publicly_visible() -> ArticlePredicate {
    publicly_visible_at(chrono::Utc::now().naive_utc())
}

/// The one definition of a publicly visible article: published, with a publish time at or before
/// `now`, not in the trash. [`publicly_visible_sql`] is the same condition for raw SQL.
pub fn publicly_visible_at(now: NaiveDateTime) -> ArticlePredicate {
    articles::status
        .eq(ArticleStatus::Published)
        .and(articles::published_at.is_not_null())
        .and(articles::published_at.assume_not_null().le(now))
        .and(articles::deleted_at.is_null())
}

/// [`publicly_visible_at`] for raw SQL over `articles` named `table` (`articles` or an alias: an
/// identifier of the statement, never a value), with the time bound as `now`.
pub fn publicly_visible_sql(table: &'static str, now: Param) -> String {
    format!(
        "{table}.status = '{published}' AND {table}.published_at IS NOT NULL \
         AND {table}.published_at <= {now} AND {table}.deleted_at IS NULL",
        // A fixed text from the closed set of statuses, written as these statements were tuned.
        published = ArticleStatus::Published.as_str(),
    )
}

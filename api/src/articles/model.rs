use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::articles;

/// An article row, everything included.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct Article {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: String,
    pub author_note: Option<String>,
    pub source: Option<String>,
    pub summary: String,
    pub body_markdown: String,
    pub body_html: String,
    pub cover_url: Option<String>,
    pub featured: bool,
    pub headline: bool,
    pub pinned: bool,
    pub status: String,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub views: i64,
    pub comment_count: i64,
    pub comments_open: bool,
}

/// What lists need: everything but the bodies.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct ArticleSummary {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: String,
    pub summary: String,
    pub cover_url: Option<String>,
    pub featured: bool,
    pub headline: bool,
    pub pinned: bool,
    pub published_at: Option<NaiveDateTime>,
    pub views: i64,
    pub comment_count: i64,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = articles)]
pub struct NewArticle<'a> {
    pub category_id: i64,
    pub title: &'a str,
    pub author: &'a str,
    pub author_note: Option<&'a str>,
    pub summary: &'a str,
    pub body_markdown: &'a str,
    pub body_html: &'a str,
    pub featured: bool,
    pub status: &'a str,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub views: i64,
}

/// The status values an article moves through.
pub mod status {
    pub const DRAFT: &str = "draft";
    pub const PUBLISHED: &str = "published";
}

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
    pub visibility: String,
    pub version: i64,
    pub deleted_at: Option<NaiveDateTime>,
}

/// What lists need: everything but the bodies (also read by name, from search's SQL).
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
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
    pub visibility: String,
}

/// An editor's list row: the summary plus where the article is in its life.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct EditorialSummary {
    #[diesel(embed)]
    pub summary: ArticleSummary,
    pub status: String,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

/// Every field an editor sets, for an insert or (with `None` meaning "unchanged") an update.
#[derive(Debug, Default, Clone, Insertable, AsChangeset)]
#[diesel(table_name = articles)]
pub struct ArticleFields {
    pub category_id: Option<i64>,
    pub title: Option<String>,
    pub subtitle: Option<Option<String>>,
    pub author: Option<String>,
    pub author_note: Option<Option<String>>,
    pub source: Option<Option<String>>,
    pub summary: Option<String>,
    pub body_markdown: Option<String>,
    pub body_html: Option<String>,
    pub cover_url: Option<Option<String>>,
    pub featured: Option<bool>,
    pub headline: Option<bool>,
    pub pinned: Option<bool>,
    pub comments_open: Option<bool>,
    pub visibility: Option<String>,
    pub status: Option<String>,
    pub published_at: Option<Option<NaiveDateTime>>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::db::schema::article_revisions)]
pub struct Revision {
    pub id: i64,
    pub article_id: i64,
    pub editor_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub created_at: NaiveDateTime,
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
    pub const PENDING: &str = "pending";
    pub const PUBLISHED: &str = "published";
    pub const ARCHIVED: &str = "archived";

    /// Forward along draft → pending → published → archived (pending may be skipped), and back to
    /// draft from anywhere; staying put is always allowed.
    pub fn may_move(from: &str, to: &str) -> bool {
        from == to
            || to == DRAFT
            || matches!(
                (from, to),
                (DRAFT, PENDING)
                    | (DRAFT, PUBLISHED)
                    | (PENDING, PUBLISHED)
                    | (PUBLISHED, ARCHIVED)
            )
    }
}

/// Who may read an article's body.
pub mod visibility {
    pub const PUBLIC: &str = "public";
    pub const MEMBERS: &str = "members";
    pub const ENTERPRISE: &str = "enterprise";
}

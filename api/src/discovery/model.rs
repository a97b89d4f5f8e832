use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::articles;

/// What a feed says of an article: no body.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct FeedEntry {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub author: String,
    pub summary: String,
    pub published_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl FeedEntry {
    /// The later of its last change and its publication (an article scheduled ahead was changed
    /// before it appeared).
    pub fn updated(&self) -> NaiveDateTime {
        self.published_at
            .map_or(self.updated_at, |at| at.max(self.updated_at))
    }
}

/// An article in the sitemap: its id and times only, all in the sitemap's index.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct SitemapArticle {
    pub id: i64,
    pub published_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl SitemapArticle {
    pub fn lastmod(&self) -> NaiveDateTime {
        self.published_at
            .map_or(self.updated_at, |at| at.max(self.updated_at))
    }
}

/// One range of article ids in the sitemap (`bucket * size + 1 ..= (bucket + 1) * size`) that
/// holds public articles: how many, and the latest change among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdRange {
    pub bucket: i64,
    pub articles: i64,
    pub lastmod: NaiveDateTime,
}

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::{Article, ArticleSummary};
use crate::categories::dto::CategoryRef;

/// Database times are UTC without a zone; the wire carries RFC 3339.
fn utc(t: chrono::NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleFlag {
    Featured,
    Headline,
    Pinned,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleSort {
    /// Pinned first, then by publish time, newest first.
    Latest,
    /// Most viewed first.
    Views,
    /// Most commented first.
    Comments,
}

/// The window `sort=views` ranks by.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViewPeriod {
    /// Today (UTC).
    Day,
    /// The last 7 days, today included.
    Week,
    /// The last 30 days, today included.
    Month,
    /// All time (the default).
    All,
}

impl ViewPeriod {
    /// The first day counted, or `None` for all time.
    pub fn since(self, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        let days_back = match self {
            ViewPeriod::Day => 0,
            ViewPeriod::Week => 6,
            ViewPeriod::Month => 29,
            ViewPeriod::All => return None,
        };
        Some(today - chrono::Days::new(days_back))
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListArticlesQuery {
    /// A category's id or slug; its descendants are included.
    #[param(example = "features")]
    pub category: Option<String>,
    pub flag: Option<ArticleFlag>,
    /// The byline, exactly (作者).
    pub author: Option<String>,
    /// Published at or after this time (RFC 3339).
    pub published_after: Option<DateTime<Utc>>,
    /// Published before this time (RFC 3339).
    pub published_before: Option<DateTime<Utc>>,
    /// A substring of the title or summary (no word splitting: Chinese has no spaces).
    #[param(example = "秘书")]
    pub q: Option<String>,
    /// `latest` when absent.
    pub sort: Option<ArticleSort>,
    /// With `sort=views` only: rank by the views counted in this period.
    pub period: Option<ViewPeriod>,
    /// From 1.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    /// 1 to 100; 20 when absent.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

/// An article in a list: no body.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleListItem {
    pub id: i64,
    pub category_id: i64,
    #[schema(example = "加强秘书队伍建设要坚持“四要”")]
    pub title: String,
    pub subtitle: Option<String>,
    #[schema(example = "周辉")]
    pub author: String,
    pub summary: String,
    pub cover_url: Option<String>,
    pub featured: bool,
    pub headline: bool,
    pub pinned: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub views: i64,
    pub comment_count: i64,
}

impl From<ArticleSummary> for ArticleListItem {
    fn from(a: ArticleSummary) -> Self {
        ArticleListItem {
            id: a.id,
            category_id: a.category_id,
            title: a.title,
            subtitle: a.subtitle,
            author: a.author,
            summary: a.summary,
            cover_url: a.cover_url,
            featured: a.featured,
            headline: a.headline,
            pinned: a.pinned,
            published_at: a.published_at.map(utc),
            views: a.views,
            comment_count: a.comment_count,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticlePage {
    pub items: Vec<ArticleListItem>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub total_pages: i64,
}

/// A neighbouring article, for 上一篇 / 下一篇.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleLink {
    pub id: i64,
    pub title: String,
}

/// The whole article, as its page shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleResponse {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: String,
    /// Such as 作者系中共溆浦县委书记.
    pub author_note: Option<String>,
    pub source: Option<String>,
    pub summary: String,
    pub body_markdown: String,
    /// Rendered from `body_markdown` and sanitised: safe to insert as HTML.
    pub body_html: String,
    pub cover_url: Option<String>,
    pub featured: bool,
    pub headline: bool,
    pub pinned: bool,
    #[schema(example = "published")]
    pub status: String,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Counted views; may lag the latest view by a few seconds.
    pub views: i64,
    /// Approved comments.
    pub comment_count: i64,
    /// Whether members may comment.
    pub comments_open: bool,
    /// Top-level category first, the article's own category last.
    pub breadcrumb: Vec<CategoryRef>,
    /// The previous (older) article in the same category; `null` at the start.
    pub prev: Option<ArticleLink>,
    /// The next (newer) article in the same category; `null` at the end.
    pub next: Option<ArticleLink>,
}

impl ArticleResponse {
    pub fn new(
        a: Article,
        breadcrumb: Vec<CategoryRef>,
        prev: Option<ArticleLink>,
        next: Option<ArticleLink>,
    ) -> Self {
        ArticleResponse {
            id: a.id,
            category_id: a.category_id,
            title: a.title,
            subtitle: a.subtitle,
            author: a.author,
            author_note: a.author_note,
            source: a.source,
            summary: a.summary,
            body_markdown: a.body_markdown,
            body_html: a.body_html,
            cover_url: a.cover_url,
            featured: a.featured,
            headline: a.headline,
            pinned: a.pinned,
            status: a.status,
            published_at: a.published_at.map(utc),
            created_at: utc(a.created_at),
            updated_at: utc(a.updated_at),
            views: a.views,
            comment_count: a.comment_count,
            comments_open: a.comments_open,
            breadcrumb,
            prev,
            next,
        }
    }
}

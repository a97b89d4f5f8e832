use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::articles::dto::ArticleListItem;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What to find, up to 64 characters, in titles, summaries and bodies. Any two or more
    /// characters in a row are found wherever they occur (秘书 finds 秘书队伍建设); one character is
    /// the start of a word; spaces and punctuation separate parts that must all occur.
    #[param(example = "秘书")]
    pub q: Option<String>,
    /// A category slug (its subcategories included).
    pub category: Option<String>,
    /// Published at or after this time.
    pub published_after: Option<DateTime<Utc>>,
    /// Published before this time.
    pub published_before: Option<DateTime<Utc>>,
    /// 1-based page number (default 1).
    pub page: Option<String>,
    /// Hits per page, 1–100 (default 20).
    pub per_page: Option<String>,
}

/// One hit: the article as lists show it, and where the query matched.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    pub article: ArticleListItem,
    /// The title as HTML: escaped, with the matched text inside `<mark>`.
    #[schema(example = "加强<mark>秘书</mark>队伍建设要坚持“四要”")]
    pub title_html: String,
    /// A passage of the body (or the summary) as HTML: escaped, matches inside `<mark>`, `…` where
    /// cut. Members-only bodies are never quoted.
    pub snippet_html: String,
    /// Whether the title matched (title hits come first).
    pub in_title: bool,
}

/// A page of hits: title hits first, then the others, each the most recently added first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<SearchHit>,
    pub page: i64,
    pub per_page: i64,
    /// Hits, counted up to 1,000 (also `X-Total-Count`).
    pub total: i64,
    /// False when there are more than 1,000 hits: `total` is then 1,000 and only those are paged.
    pub total_exact: bool,
    pub total_pages: i64,
}

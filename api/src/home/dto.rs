use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::categories::dto::CategoryRef;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HomeQuery {
    /// Titles per category block: 1 to 20, 10 when absent.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 20)]
    pub per_category: Option<String>,
}

/// A title with what a list line shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleTitle {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub published_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RankedArticle {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    /// Views counted in the ranking's period.
    pub views: i64,
}

/// A top-level category and its latest titles (its subcategories' included).
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryBlock {
    pub category: CategoryRef,
    pub articles: Vec<ArticleTitle>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomeResponse {
    /// Top-level categories in their sort order.
    pub categories: Vec<CategoryBlock>,
    /// Featured (推荐) articles, newest first.
    pub featured: Vec<ArticleTitle>,
    /// The most viewed articles of the last 7 days.
    pub most_viewed_week: Vec<RankedArticle>,
    /// The latest approved comments site-wide (最新评论).
    pub latest_comments: Vec<crate::comments::dto::LatestComment>,
}

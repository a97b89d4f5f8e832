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
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleTitle {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub published_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RankedArticle {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    /// Views counted in the ranking's period.
    pub views: i64,
}

/// A top-level category and its latest titles (its subcategories' included).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CategoryBlock {
    pub category: CategoryRef,
    pub articles: Vec<ArticleTitle>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "categories": [
        {
            "category": {
                "id": 1,
                "name": "特稿",
                "slug": "features"
            },
            "articles": [
                {
                    "id": 42,
                    "category_id": 3,
                    "title": "加强秘书队伍建设要坚持“四要”",
                    "published_at": "2024-06-18T02:00:00Z"
                }
            ]
        }
    ],
    "featured": [
        {
            "id": 42,
            "category_id": 3,
            "title": "加强秘书队伍建设要坚持“四要”",
            "published_at": "2024-06-18T02:00:00Z"
        }
    ],
    "most_viewed_week": [
        {
            "id": 37,
            "category_id": 3,
            "title": "办文办会办事的“三个讲究”",
            "views": 312
        }
    ],
    "latest_comments": [
        {
            "id": 101,
            "article_id": 42,
            "article_title": "加强秘书队伍建设要坚持“四要”",
            "author": {
                "display_name": "周秘书",
                "kind": "personal"
            },
            "content": "写得很好，受益匪浅。",
            "created_at": "2024-06-18T09:30:00Z"
        }
    ]
}))]
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

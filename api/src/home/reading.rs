//! The home page's blocks: the named operation behind `GET /api/v1/home` and the server-rendered
//! home page, kept as JSON per `per_category`.

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::web;

use super::dto::{ArticleTitle, CategoryBlock, HomeResponse, RankedArticle};
use super::queries::{self, TitleRow};
use crate::categories::dto::CategoryRef;
use crate::comments::reading::latest_comments;
use crate::error::ApiError;
use crate::state::AppState;

const FEATURED_COUNT: i64 = 10;
const MOST_VIEWED_COUNT: i64 = 10;
const LATEST_COMMENTS_COUNT: i64 = 10;

fn title(row: TitleRow) -> ArticleTitle {
    ArticleTitle {
        id: row.id,
        category_id: row.category_id,
        title: row.title,
        published_at: row.published_at.map(|t| t.and_utc()),
    }
}

/// The home page's JSON with `per_category` titles per block.
pub async fn home(
    state: &web::Data<AppState>,
    per_category: i64,
) -> Result<Arc<Vec<u8>>, ApiError> {
    let tree = state.caches.tree(&state.db).await?;
    let ranking_db = state.db.clone();
    let most_viewed = state
        .caches
        .most_viewed_week
        .get(String::new(), move || async move {
            ranking_db
                .run(|conn| {
                    let now = chrono::Utc::now().naive_utc();
                    let week_start = now.date() - chrono::Days::new(6);
                    Ok(queries::most_viewed_since(
                        conn,
                        week_start,
                        MOST_VIEWED_COUNT,
                        now,
                    )?)
                })
                .await
        })
        .await?;
    let db = state.db.clone();
    state
        .caches
        .home
        .get(per_category.to_string(), move || async move {
            let home = db
                .run(move |conn| {
                    let now = chrono::Utc::now().naive_utc();
                    let ids: Vec<i64> = tree.depth_first().iter().map(|(c, _)| c.id).collect();
                    let latest = queries::latest_per_category(conn, &ids, per_category, now)?;
                    let featured = queries::featured(conn, FEATURED_COUNT, now)?;
                    let latest_comments = latest_comments(conn, LATEST_COMMENTS_COUNT)?;

                    // Each category's own latest titles; a block merges its subtree's and keeps the newest.
                    let mut by_category: HashMap<i64, Vec<TitleRow>> = HashMap::new();
                    for row in latest {
                        by_category.entry(row.category_id).or_default().push(row);
                    }
                    let categories = tree
                        .top_level()
                        .map(|top| {
                            let mut rows: Vec<TitleRow> = tree
                                .subtree_ids(top.id)
                                .iter()
                                .filter_map(|id| by_category.get(id))
                                .flatten()
                                .cloned()
                                .collect();
                            rows.sort_by(|a, b| {
                                (b.pinned, b.published_at, b.id).cmp(&(
                                    a.pinned,
                                    a.published_at,
                                    a.id,
                                ))
                            });
                            rows.truncate(per_category as usize);
                            CategoryBlock {
                                category: CategoryRef::from(top),
                                articles: rows.into_iter().map(title).collect(),
                            }
                        })
                        .collect();
                    Ok(HomeResponse {
                        categories,
                        featured: featured.into_iter().map(title).collect(),
                        most_viewed_week: most_viewed
                            .iter()
                            .map(|r| RankedArticle {
                                id: r.id,
                                category_id: r.category_id,
                                title: r.title.clone(),
                                views: r.period_views,
                            })
                            .collect(),
                        latest_comments,
                    })
                })
                .await?;
            serde_json::to_vec(&home).map_err(ApiError::internal)
        })
        .await
}

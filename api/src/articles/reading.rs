//! Reading: the named operations behind `GET /api/v1/articles/{id}` for readers and the
//! server-rendered article page: the article as the read cache keeps it, and its current count.

use std::sync::Arc;

use actix_web::web;

use super::dto::{ArticleLink, ArticleResponse};
use super::page::CachedArticle;
use super::queries;
use super::related;
use crate::categories::dto::breadcrumb;
use crate::error::ApiError;
use crate::state::AppState;

/// A published article as the read cache keeps it (a members-only one with its body, for the
/// caller to withhold); `None` when no published article has the id.
pub async fn public_article(
    state: &web::Data<AppState>,
    id: i64,
) -> Result<Arc<Option<CachedArticle>>, ApiError> {
    let tree = state.caches.tree(&state.db).await?;
    let db = state.db.clone();
    let page_counter = state.views.clone();
    let page_state = state.clone();
    state
        .caches
        .articles
        .get(id.to_string(), move || async move {
            let loaded = db
                .run(move |conn| {
                    // Every load, also a background refresh, renews the remembered total, so readers
                    // of a hot page take their count from memory.
                    let before_load = page_counter.snapshot(id);
                    let Some(article) = queries::find_public(conn, id)? else {
                        return Ok(None);
                    };
                    page_counter.total_if_current(before_load, article.views);
                    let breadcrumb = breadcrumb(&tree, article.category_id);
                    let (older, newer) = queries::neighbours(conn, &article)?;
                    let link = |(id, title)| ArticleLink { id, title };
                    Ok(Some(ArticleResponse::new(
                        article,
                        breadcrumb,
                        older.map(link),
                        newer.map(link),
                    )))
                })
                .await?;
            let Some(mut response) = loaded else {
                return Ok(None);
            };
            let in_category =
                related::candidates(&page_state.caches.related, &db, Some(response.category_id))
                    .await?;
            let site = related::candidates(&page_state.caches.related, &db, None).await?;
            response.related = related::related(
                response.id,
                &response.title,
                response.category_id,
                &in_category,
                &site,
            );
            Ok(Some(
                CachedArticle::new(response).map_err(ApiError::internal)?,
            ))
        })
        .await
}

/// The article's count now: the recent total (renewed by each load above), else the stored count
/// with the views not yet written; `None` when no published article has the id.
pub async fn current_views(state: &web::Data<AppState>, id: i64) -> Result<Option<i64>, ApiError> {
    state
        .views
        .total(id, || {
            let state = state.clone();
            async move { state.stored_views.read(id).await }
        })
        .await
}

//! The category tree as readers see it, with published-article counts: the named operations behind
//! the readers' category endpoints and the server-rendered pages, from the read caches.

use std::collections::HashMap;
use std::sync::Arc;

use super::cache::TreeCache;
use super::dto::{CategoryDetailResponse, CategoryListResponse, CategoryView};
use super::model::CategoryTree;
use super::queries;
use crate::db::Database;
use crate::error::ApiError;
use crate::state::AppState;
use crate::swr::SwrCache;

/// Every category, depth-first, with its counts.
pub async fn list(state: &AppState) -> Result<CategoryListResponse, ApiError> {
    let (tree, counts) =
        tree_and_counts(&state.db, &state.caches.tree, &state.caches.category_counts).await?;
    Ok(CategoryView {
        tree: &tree,
        own_counts: &counts,
    }
    .list())
}

/// One category by id or slug, with its breadcrumb; 404 when there is none.
pub async fn detail(
    state: &AppState,
    id_or_slug: &str,
) -> Result<CategoryDetailResponse, ApiError> {
    let (tree, counts) =
        tree_and_counts(&state.db, &state.caches.tree, &state.caches.category_counts).await?;
    let category = tree
        .find(id_or_slug)
        .ok_or_else(|| ApiError::NotFound(format!("no category is called {id_or_slug}")))?;
    Ok(CategoryView {
        tree: &tree,
        own_counts: &counts,
    }
    .detail(category))
}

async fn tree_and_counts(
    db: &Database,
    tree: &TreeCache,
    counts: &Arc<SwrCache<HashMap<i64, i64>>>,
) -> Result<(Arc<CategoryTree>, Arc<HashMap<i64, i64>>), ApiError> {
    let tree = tree.get(db).await?;
    let db = db.clone();
    let counts = counts
        .get(String::new(), move || async move {
            db.run(|conn| Ok(queries::published_counts(conn)?)).await
        })
        .await?;
    Ok((tree, counts))
}

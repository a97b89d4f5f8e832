//! The category tree as readers see it, with published-article counts (from the read caches).

use actix_web::{get, web};

use crate::categories::dto::{CategoryDetailResponse, CategoryListResponse, CategoryView};
use std::collections::HashMap;
use std::sync::Arc;

use crate::categories::cache::TreeCache;
use crate::categories::model::CategoryTree;
use crate::categories::queries;
use crate::db::Database;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use crate::swr::SwrCache;

/// The category tree with published-article counts.
#[utoipa::path(
    tag = "categories",
    responses(
        (status = 200, description = "All categories, depth-first", body = CategoryListResponse),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/categories")]
pub async fn list_categories(
    state: web::Data<AppState>,
) -> Result<web::Json<CategoryListResponse>, ApiError> {
    let (tree, counts) =
        tree_and_counts(&state.db, &state.caches.tree, &state.caches.category_counts).await?;
    Ok(web::Json(
        CategoryView {
            tree: &tree,
            own_counts: &counts,
        }
        .list(),
    ))
}

/// One category, by id or slug, with its breadcrumb.
#[utoipa::path(
    tag = "categories",
    params(("id_or_slug" = String, Path, description = "The category's id or slug", example = "features")),
    responses(
        (status = 200, description = "The category", body = CategoryDetailResponse),
        (status = 404, description = "No such category", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/categories/{id_or_slug}")]
pub async fn get_category(
    state: web::Data<AppState>,
    id_or_slug: web::Path<String>,
) -> Result<web::Json<CategoryDetailResponse>, ApiError> {
    let (tree, counts) =
        tree_and_counts(&state.db, &state.caches.tree, &state.caches.category_counts).await?;
    let category = tree
        .find(&id_or_slug)
        .ok_or_else(|| ApiError::NotFound(format!("no category is called {id_or_slug}")))?;
    Ok(web::Json(
        CategoryView {
            tree: &tree,
            own_counts: &counts,
        }
        .detail(category),
    ))
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

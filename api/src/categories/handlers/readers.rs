//! The category tree as readers see it, with published-article counts (from the read caches).

use actix_web::{get, web};

use crate::categories::dto::{CategoryDetailResponse, CategoryListResponse, CategoryView};
use crate::openapi::responses::{NotFound, Unavailable};
use std::collections::HashMap;
use std::sync::Arc;

use crate::categories::cache::TreeCache;
use crate::categories::model::CategoryTree;
use crate::categories::queries;
use crate::db::Database;
use crate::error::ApiError;
use crate::state::AppState;
use crate::swr::SwrCache;

/// The category tree with published-article counts.
#[utoipa::path(
    tag = "categories",
    description = "Every category, depth-first (each followed by its children, in the editors' \
        order), with its parent, depth and the number of published articles in it and below it.",
    responses(
        (status = 200, description = "All categories, depth-first", body = CategoryListResponse),
        Unavailable,
    ),
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
    description = "One category by id or slug, with its breadcrumb from the top level.\n\n\
        Fails with 404 when no category has that id or slug.",
    params(("id_or_slug" = String, Path, description = "The category's id or slug", example = "features")),
    responses(
        (status = 200, description = "The category", body = CategoryDetailResponse),
        NotFound, Unavailable,
    ),
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

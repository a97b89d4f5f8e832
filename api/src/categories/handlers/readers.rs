//! The category tree as readers see it, with published-article counts (from the read caches).

use actix_web::{get, web};

use crate::categories::dto::{CategoryDetailResponse, CategoryListResponse};
use crate::categories::reading;
use crate::error::ApiError;
use crate::openapi::responses::{NotFound, Unavailable};
use crate::state::AppState;

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
    Ok(web::Json(reading::list(&state).await?))
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
    Ok(web::Json(reading::detail(&state, &id_or_slug).await?))
}

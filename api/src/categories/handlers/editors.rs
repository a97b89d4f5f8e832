//! Editors' endpoints for the category tree: create, change, delete (`categories:write`).

use actix_web::http::header;
use actix_web::{delete, patch, post, web, HttpResponse};

use crate::auth::Staff;
use crate::categories::dto::{
    CategoryResponse, CreateCategoryRequest, DeleteCategoryQuery, UpdateCategoryRequest,
};
use crate::categories::editing;
use crate::error::{ApiError, Problem};
use crate::large_json::{read, JsonBody};
use crate::state::AppState;
use crate::tokens::Scope;

/// Creates a category.
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    request_body = CreateCategoryRequest,
    responses(
        (status = 201, description = "The category", body = CategoryResponse,
            headers(("Location" = String, description = "The category's address, by id"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin, or a token without `categories:write`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The slug is taken", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or unknown fields, each named", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/categories")]
pub async fn create_category(
    state: web::Data<AppState>,
    staff: Staff,
    body: JsonBody<CreateCategoryRequest>,
) -> Result<HttpResponse, ApiError> {
    staff.require(Scope::CategoriesWrite)?;
    let request = read(body)?;
    let created = editing::create_category(&state.db, &state.caches, staff, request).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::LOCATION,
            format!("/api/v1/categories/{}", created.id),
        ))
        .json(created))
}

/// Renames, re-slugs, moves or reorders a category.
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    params(("id_or_slug" = String, Path, description = "The category's id or slug")),
    request_body = UpdateCategoryRequest,
    responses(
        (status = 200, description = "The category", body = CategoryResponse),
        (status = 400, description = "The body is not JSON or the id not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin, or a token without `categories:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such category", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The slug is taken", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or unknown fields, or a move that makes a cycle", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/categories/{id_or_slug}")]
pub async fn update_category(
    state: web::Data<AppState>,
    staff: Staff,
    id_or_slug: web::Path<String>,
    body: JsonBody<UpdateCategoryRequest>,
) -> Result<HttpResponse, ApiError> {
    staff.require(Scope::CategoriesWrite)?;
    let request = read(body)?;
    let updated = editing::update_category(
        &state.db,
        &state.caches,
        staff,
        id_or_slug.into_inner(),
        request,
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(updated))
}

/// Deletes a category. Its subcategories move up to its parent; its articles block the delete
/// (409) unless `move_to` names where they go.
#[utoipa::path(
    tag = "editorial",
    security(("bearer" = [])),
    params(("id_or_slug" = String, Path, description = "The category's id or slug"), DeleteCategoryQuery),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin, or a token without `categories:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such category", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It holds articles and no `move_to` was given", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`move_to` is this category or does not exist", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/categories/{id_or_slug}")]
pub async fn delete_category(
    state: web::Data<AppState>,
    staff: Staff,
    id_or_slug: web::Path<String>,
    query: web::Query<DeleteCategoryQuery>,
) -> Result<HttpResponse, ApiError> {
    staff.require(Scope::CategoriesWrite)?;
    editing::delete_category(
        &state.db,
        &state.caches,
        staff,
        id_or_slug.into_inner(),
        query.move_to,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

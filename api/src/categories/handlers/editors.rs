//! Editors' endpoints for the category tree: create, change, delete (`categories:write`).

use actix_web::http::header;
use actix_web::{delete, patch, post, web, HttpResponse};

use crate::auth::Staff;
use crate::categories::dto::{
    CategoryResponse, CreateCategoryRequest, DeleteCategoryQuery, UpdateCategoryRequest,
};
use crate::categories::editing;
use crate::error::ApiError;
use crate::large_json::{read, JsonBody};
use crate::openapi::responses::{
    BadRequest, BodyErrors, Conflict, Forbidden, NotFound, Unauthenticated, Unavailable,
    ValidationFailed,
};
use crate::state::AppState;
use crate::tokens::Scope;

/// Creates a category.
#[utoipa::path(
    tag = "editorial",
    description = "Creates a category, top-level or under a parent. An API token needs \
        `categories:write`.\n\n\
        Fails with 403 for a member, or a token without `categories:write`; 409 when the slug is \
        taken; 422 naming each invalid field.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    request_body(content = CreateCategoryRequest, example = json!({
        "name": "秘书论坛",
        "slug": "forum",
        "description": "秘书工作者谈经验、谈体会",
        "parent_id": 1,
        "sort_order": 0
    })),
    responses(
        (status = 201, description = "The category", body = CategoryResponse,
            headers(("Location" = String, description = "The category's address, by id"))),
        BodyErrors, Unauthenticated, Forbidden, Conflict, Unavailable,
    ),
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
    description = "Changes the fields sent: renames, re-slugs, moves (under another category, or \
        to the top level with `parent_id: null`) or reorders a category. An API token needs \
        `categories:write`.\n\n\
        Fails with 403 for a member, or a token without `categories:write`; 404 when there is no \
        such category; 409 when the slug is taken; 422 naming each invalid field, or for a move \
        under itself or a descendant.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id_or_slug" = String, Path, description = "The category's id or slug")),
    request_body(content = UpdateCategoryRequest, example = json!({
        "name": "秘书论坛",
        "description": "秘书工作者谈经验、谈体会、谈方法",
        "sort_order": 2
    })),
    responses(
        (status = 200, description = "The category", body = CategoryResponse),
        BodyErrors, Unauthenticated, Forbidden, NotFound, Conflict, Unavailable,
    ),
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
    summary = "Deletes a category",
    description = "Its subcategories move up to its parent; its articles move to the category \
        `move_to` names, and without `move_to` a category that holds articles is not deleted. An \
        API token needs `categories:write`.\n\n\
        Fails with 403 for a member, or a token without `categories:write`; 404 when there is no \
        such category; 409 when it holds articles and no `move_to` was given; 422 when `move_to` \
        is this category or does not exist.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id_or_slug" = String, Path, description = "The category's id or slug"), DeleteCategoryQuery),
    responses(
        (status = 204, description = "Deleted"),
        BadRequest, Unauthenticated, Forbidden, NotFound, Conflict, ValidationFailed, Unavailable,
    ),
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

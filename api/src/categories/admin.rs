//! Editors' category operations: create, rename, move in the tree (no cycles), reorder, delete
//! (refused while it holds articles unless they move elsewhere). Each write is audited.

use actix_web::http::StatusCode;
use actix_web::{delete, patch, post, web, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Deserializer};
use utoipa::{IntoParams, ToSchema};

use super::dto::{CategoryResponse, CategoryView};
use super::model::CategoryTree;
use super::queries;
use crate::audit::{self, Entry};
use crate::auth::Staff;
use crate::db::schema::{articles, categories};
use crate::db::{write_transaction, DbConnection};
use crate::domain::{parse_text, Checks, Invalid};
use crate::error::{ApiError, Problem};
use crate::large_json::{read, JsonBody};
use crate::state::AppState;
use crate::tokens::Scope;

const NAME_MAX: usize = 50;
const DESCRIPTION_MAX: usize = 500;

/// Absent stays `None`; `null` becomes `Some(None)`.
fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCategoryRequest {
    #[schema(example = "访谈")]
    pub name: String,
    /// Lower-case letters, digits and hyphens, 1 to 50; unique.
    #[schema(example = "interviews")]
    pub slug: String,
    pub description: Option<String>,
    /// Top level when absent.
    pub parent_id: Option<i64>,
    /// Siblings are listed by this, then by id.
    pub sort_order: Option<i32>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCategoryRequest {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    /// Moves it under another category; `null` makes it top-level. Under itself or one of its
    /// descendants is a cycle (422).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub parent_id: Option<Option<i64>>,
    pub sort_order: Option<i32>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteCategoryQuery {
    /// Moves the category's articles (every status) here first; without it a category that holds
    /// articles is not deleted (409).
    pub move_to: Option<i64>,
}

fn parse_slug(raw: &str) -> Result<String, Invalid> {
    let slug = raw.trim();
    let valid = (1..=50).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        // A number would be read as an id in `/categories/{id_or_slug}`.
        && slug.parse::<i64>().is_err();
    if valid {
        Ok(slug.to_owned())
    } else {
        Err(Invalid::new(
            "format",
            "1 to 50 lower-case letters, digits and hyphens, not all digits",
        ))
    }
}

fn check_parent(
    checks: &mut Checks,
    tree: &CategoryTree,
    moving: Option<i64>,
    parent: Option<i64>,
) {
    let Some(parent) = parent else { return };
    if tree.find(&parent.to_string()).is_none() {
        checks.refuse("parent_id", "not_found", "no category has this id");
        return;
    }
    if let Some(moving) = moving {
        if tree.subtree_ids(moving).contains(&parent) {
            checks.refuse(
                "parent_id",
                "cycle",
                "a category cannot move under itself or one of its descendants",
            );
        }
    }
}

fn slug_taken(conn: &mut DbConnection, slug: &str, except: Option<i64>) -> QueryResult<bool> {
    let mut query = categories::table
        .filter(categories::slug.eq(slug.to_owned()))
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(categories::id.ne(id));
    }
    Ok(query
        .select(categories::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

fn category_response(conn: &mut DbConnection, id: i64) -> Result<CategoryResponse, ApiError> {
    let tree = queries::tree(conn)?;
    let counts = queries::published_counts(conn)?;
    let category = tree
        .find(&id.to_string())
        .ok_or_else(|| ApiError::NotFound(format!("no category has id {id}")))?;
    let view = CategoryView {
        tree: &tree,
        own_counts: &counts,
    };
    let depth = tree.path_to(id).len().saturating_sub(1);
    Ok(view.response(category, depth))
}

fn respond(status: StatusCode, body: CategoryResponse) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(body)
}

fn audit_category(
    conn: &mut DbConnection,
    staff: &Staff,
    action: &'static str,
    id: i64,
    summary: &str,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        staff,
        Entry {
            action,
            target_type: "category",
            target_id: id.to_string(),
            summary,
        },
    )?;
    Ok(())
}

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
    let tree = state.caches.tree(&state.db).await?;
    let mut checks = Checks::default();
    let name = checks.check("name", parse_text(&request.name, NAME_MAX));
    let slug = checks.check("slug", parse_slug(&request.slug));
    let description = match request.description.as_deref().map(str::trim) {
        None | Some("") => Some(String::new()),
        Some(text) => checks.check("description", parse_text(text, DESCRIPTION_MAX)),
    };
    check_parent(&mut checks, &tree, None, request.parent_id);
    checks.finish()?;
    let (name, slug, description) = (
        name.unwrap_or_default(),
        slug.unwrap_or_default(),
        description.unwrap_or_default(),
    );
    let response = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                if slug_taken(conn, &slug, None)? {
                    return Err(ApiError::conflict(
                        "slug_taken",
                        format!("the slug {slug} is taken"),
                    ));
                }
                let id: i64 = diesel::insert_into(categories::table)
                    .values((
                        categories::parent_id.eq(request.parent_id),
                        categories::name.eq(&name),
                        categories::slug.eq(&slug),
                        categories::description.eq(&description),
                        categories::sort_order.eq(request.sort_order.unwrap_or(0)),
                        categories::created_at.eq(chrono::Utc::now().naive_utc()),
                    ))
                    .returning(categories::id)
                    .get_result(conn)?;
                audit_category(
                    conn,
                    &staff,
                    "category.create",
                    id,
                    &format!("{name} ({slug})"),
                )?;
                category_response(conn, id)
            })
        })
        .await?;
    state.caches.invalidate();
    let location = format!("/api/v1/categories/{}", response.id);
    let mut http = respond(StatusCode::CREATED, response);
    http.headers_mut().insert(
        actix_web::http::header::LOCATION,
        actix_web::http::header::HeaderValue::from_str(&location).map_err(ApiError::internal)?,
    );
    Ok(http)
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
    let wanted = id_or_slug.into_inner();
    let request = read(body)?;
    let tree = state.caches.tree(&state.db).await?;
    let id = tree
        .find(&wanted)
        .ok_or_else(|| ApiError::NotFound(format!("no category is called {wanted}")))?
        .id;
    let mut checks = Checks::default();
    let name = request
        .name
        .as_deref()
        .and_then(|n| checks.check("name", parse_text(n, NAME_MAX)));
    let slug = request
        .slug
        .as_deref()
        .and_then(|s| checks.check("slug", parse_slug(s)));
    let description = match request.description.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(String::new()),
        Some(text) => checks.check("description", parse_text(text, DESCRIPTION_MAX)),
    };
    if let Some(parent) = request.parent_id {
        check_parent(&mut checks, &tree, Some(id), parent);
    }
    checks.finish()?;
    let response = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                if let Some(slug) = &slug {
                    if slug_taken(conn, slug, Some(id))? {
                        return Err(ApiError::conflict(
                            "slug_taken",
                            format!("the slug {slug} is taken"),
                        ));
                    }
                }
                // Checked again inside the transaction: the tree may have moved since the cache.
                if let Some(Some(parent)) = request.parent_id {
                    if queries::tree(conn)?.subtree_ids(id).contains(&parent) {
                        return Err(ApiError::validation(
                            "parent_id",
                            "cycle",
                            "a category cannot move under itself or one of its descendants",
                        ));
                    }
                }
                let target = categories::table.find(id);
                if let Some(name) = &name {
                    diesel::update(target)
                        .set(categories::name.eq(name))
                        .execute(conn)?;
                }
                if let Some(slug) = &slug {
                    diesel::update(target)
                        .set(categories::slug.eq(slug))
                        .execute(conn)?;
                }
                if let Some(description) = &description {
                    diesel::update(target)
                        .set(categories::description.eq(description))
                        .execute(conn)?;
                }
                if let Some(parent) = request.parent_id {
                    diesel::update(target)
                        .set(categories::parent_id.eq(parent))
                        .execute(conn)?;
                }
                if let Some(order) = request.sort_order {
                    diesel::update(target)
                        .set(categories::sort_order.eq(order))
                        .execute(conn)?;
                }
                let summary = match request.parent_id {
                    Some(Some(parent)) => format!("moved under {parent}"),
                    Some(None) => "moved to the top level".to_owned(),
                    None => "changed".to_owned(),
                };
                audit_category(conn, &staff, "category.update", id, &summary)?;
                category_response(conn, id)
            })
        })
        .await?;
    state.caches.invalidate();
    Ok(respond(StatusCode::OK, response))
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
    let wanted = id_or_slug.into_inner();
    let move_to = query.move_to;
    state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let tree = queries::tree(conn)?;
                let category = tree
                    .find(&wanted)
                    .ok_or_else(|| ApiError::NotFound(format!("no category is called {wanted}")))?
                    .clone();
                let id = category.id;
                if let Some(target) = move_to {
                    if target == id || tree.find(&target.to_string()).is_none() {
                        return Err(ApiError::validation(
                            "move_to",
                            "invalid",
                            "must name another existing category",
                        ));
                    }
                }
                let held: i64 = articles::table
                    .filter(articles::category_id.eq(id))
                    .count()
                    .get_result(conn)?;
                match (held, move_to) {
                    (0, _) => {}
                    (_, Some(target)) => {
                        diesel::update(articles::table.filter(articles::category_id.eq(id)))
                            .set(articles::category_id.eq(target))
                            .execute(conn)?;
                    }
                    (_, None) => {
                        return Err(ApiError::conflict(
                            "category_not_empty",
                            format!(
                            "the category holds {held} articles: pass move_to to move them first"
                        ),
                        ))
                    }
                }
                diesel::update(categories::table.filter(categories::parent_id.eq(id)))
                    .set(categories::parent_id.eq(category.parent_id))
                    .execute(conn)?;
                diesel::delete(categories::table.find(id)).execute(conn)?;
                let summary = format!(
                    "{} ({}), {held} articles moved",
                    category.name, category.slug
                );
                audit_category(conn, &staff, "category.delete", id, &summary)
            })
        })
        .await?;
    state.caches.invalidate();
    Ok(HttpResponse::NoContent().finish())
}

use actix_web::{get, web, HttpResponse};

use super::dto::{HomeQuery, HomeResponse};
use super::reading;
use crate::domain::parse_count;
use crate::error::ApiError;
use crate::openapi::responses::{Unavailable, ValidationFailed};
use crate::state::AppState;

/// Everything the home page shows, in one response.
#[utoipa::path(
    tag = "articles",
    description = "The home page's blocks in one response: each top-level category with its latest \
        titles (`per_category` of them, subcategories included), featured articles, the week's \
        most viewed and the latest comments.\n\n\
        Fails with 422 when `per_category` is out of range.",
    params(HomeQuery),
    responses(
        (status = 200, description = "The home page's blocks", body = HomeResponse),
        ValidationFailed, Unavailable,
    ),
)]
#[get("/home")]
pub async fn get_home(
    state: web::Data<AppState>,
    query: web::Query<HomeQuery>,
) -> Result<HttpResponse, ApiError> {
    let per_category = parse_count("per_category", query.per_category.as_deref(), 10, 1, 20)?;
    let home = reading::home(&state, per_category).await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "public, max-age=5"))
        .content_type("application/json")
        .body(home.as_ref().clone()))
}

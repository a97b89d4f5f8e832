use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};

use super::dto::{SearchPage, SearchQuery};
use super::searching::{self, Searched};
use crate::error::ApiError;
use crate::openapi::responses::{BadRequest, NotFound, Unavailable, ValidationFailed};
use crate::state::AppState;

/// Like the lists: shared caches may keep a page briefly.
const PUBLIC_CACHE: &str = "public, max-age=5";

/// Searches published articles: title, summary and body, Chinese without spaces included.
#[utoipa::path(
    tag = "articles",
    description = "Searches the title, subtitle, summary and body of published articles; Chinese \
        is found without spaces (`秘书` finds 秘书队伍建设). Title hits come first, then the rest, newest \
        first, each with a marked passage. Hits are counted and paged up to the first 1,000. \
        Members-only bodies are not searched.\n\n\
        Fails with 400 when a date cannot be read; 404 when the category does not exist; 422 when \
        `q` is missing, has no letters or digits, is longer than 64 characters or holds a NUL, or \
        `page` or `per_page` is out of range or beyond the first 1,000 hits.",
    params(SearchQuery),
    responses(
        (status = 200, description = "One page of hits: title hits first, then the rest, newest first", body = SearchPage,
            headers(
                ("X-Total-Count" = i64, description = "All hits, on every page"),
                ("Link" = String, description = "`rel=\"next\"` and `rel=\"prev\"` page URLs"),
            )),
        BadRequest, NotFound, ValidationFailed, Unavailable,
    ),
)]
#[get("/search")]
pub async fn search_articles(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, ApiError> {
    let Searched { page, cached } = searching::search(&state, query.into_inner()).await?;
    Ok(
        crate::paging::paged_response(&req, page, cached.total, cached.total_pages)
            .insert_header((header::CACHE_CONTROL, PUBLIC_CACHE))
            .content_type("application/json")
            .body(cached.body.clone()),
    )
}

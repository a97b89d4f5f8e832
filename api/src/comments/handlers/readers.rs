//! Comments anyone may read: an article's approved comments and the latest across the site.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::comments::dto::{CommentPage, LatestCommentsResponse, LatestQuery, PageQuery};
use crate::comments::reading;
use crate::domain::{parse_count, Pagination};
use crate::error::ApiError;
use crate::openapi::responses::{BadRequest, NotFound, Unavailable, ValidationFailed};
use crate::paging::paged_response;
use crate::state::AppState;

/// An article's approved comments, newest first.
#[utoipa::path(
    tag = "comments",
    description = "An article's approved comments, newest first, each with the comment it answers \
        quoted.\n\n\
        Fails with 404 when no published article has the id; 422 when `page` or `per_page` is out \
        of range.",
    params(("id" = i64, Path, description = "The article's id"), PageQuery),
    responses(
        (status = 200, description = "One page of approved comments", body = CommentPage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        BadRequest, NotFound, ValidationFailed, Unavailable,
    ),
)]
#[get("/articles/{id}/comments")]
pub async fn list_comments(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let (items, total) = state
        .db
        .run(move |conn| reading::article_comments(conn, id, page))
        .await?;
    Ok(paged_response(&req, page, total, page.total_pages(total))
        .insert_header((header::CACHE_CONTROL, "public, max-age=5"))
        .json(CommentPage {
            items,
            page: page.page(),
            per_page: page.per_page(),
            total,
            total_pages: page.total_pages(total),
        }))
}

/// The latest approved comments across the site.
#[utoipa::path(
    tag = "comments",
    description = "The newest approved comments on any article, each with its article's title.\n\n\
        Fails with 422 when `limit` is out of range.",
    params(LatestQuery),
    responses(
        (status = 200, description = "Newest first", body = LatestCommentsResponse),
        ValidationFailed, Unavailable,
    ),
)]
#[get("/comments/latest")]
pub async fn get_latest_comments(
    state: web::Data<AppState>,
    query: web::Query<LatestQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = parse_count("limit", query.limit.as_deref(), 10, 1, 50)?;
    let items = state
        .db
        .run(move |conn| reading::latest_comments(conn, limit))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=5"))
        .json(LatestCommentsResponse { items }))
}

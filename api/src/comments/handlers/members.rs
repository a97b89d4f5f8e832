//! A signed-in member's own comments: posting, listing, editing and deleting them.

use actix_web::http::header;
use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};

use crate::auth::SignedIn;
use crate::client::Client;
use crate::comments::dto::{
    CommentPage, CommentResponse, CreateCommentRequest, PageQuery, UpdateCommentRequest,
};
use crate::comments::posting::{self, ClientHashes};
use crate::comments::reading;
use crate::domain::Pagination;
use crate::error::{ApiError, Problem};
use crate::large_json::{read, JsonBody};
use crate::paging::paged_response;
use crate::state::AppState;

/// Posts a comment as the signed-in member, with a captcha. It appears at once or waits for a
/// moderator (see `status`), depending on the moderation policy, links and banned words.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The article's id")),
    request_body = CreateCommentRequest,
    responses(
        (status = 201, description = "Created; `status` says whether it waits for moderation", body = CommentResponse,
            headers(("Location" = String, description = "The comment's URL under `/api/v1/comments/{id}`"))),
        (status = 400, description = "The captcha is wrong, expired, used or from another client; or the body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Comments are closed, or the member may not comment yet (`member_pending`, `member_not_approved`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published article, or the quoted comment is not on it", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same text is already on this article from this member", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The content is blank or too long, or fields are unknown", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too soon after the member's last comment, or too many from this address this hour", body = Problem,
            content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/articles/{id}/comments")]
pub async fn create_comment(
    state: web::Data<AppState>,
    client: Client,
    caller: SignedIn,
    id: web::Path<i64>,
    body: JsonBody<CreateCommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = read(body)?;
    let client = ClientHashes {
        client: client.hash(),
        address: client.address_hash(),
    };
    let created = posting::post_comment(
        &state.db,
        &state.config.comments,
        client,
        &caller,
        id.into_inner(),
        request,
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/comments/{}", created.id)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created))
}

/// The caller's own comments, every status, newest first.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of the caller's comments", body = CommentPage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page` or `per_page` out of range", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/me/comments")]
pub async fn my_comments(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: SignedIn,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let (items, total) = state
        .db
        .run(move |conn| reading::member_comments(conn, caller.id, page))
        .await?;
    Ok(paged_response(&req, page, total, page.total_pages(total))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(CommentPage {
            items,
            page: page.page(),
            per_page: page.per_page(),
            total,
            total_pages: page.total_pages(total),
        }))
}

/// Edits the caller's own comment within 15 minutes of posting.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    request_body = UpdateCommentRequest,
    responses(
        (status = 200, description = "The edited comment (it may go back to moderation)", body = CommentResponse),
        (status = 400, description = "The body is not JSON or the id not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The 15-minute edit window has passed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The caller has no comment with this id (someone else's included)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The content is blank or too long, or fields are unknown", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/comments/{id}")]
pub async fn update_comment(
    state: web::Data<AppState>,
    caller: SignedIn,
    id: web::Path<i64>,
    body: JsonBody<UpdateCommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = read(body)?;
    let updated =
        posting::edit_comment(&state.db, caller.id, id.into_inner(), &body.content).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(updated))
}

/// Deletes the caller's own comment.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The caller has no comment with this id (someone else's included)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/comments/{id}")]
pub async fn delete_comment(
    state: web::Data<AppState>,
    caller: SignedIn,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    posting::delete_own_comment(&state.db, caller.id, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

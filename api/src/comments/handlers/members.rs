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
use crate::error::ApiError;
use crate::large_json::{read, JsonBody};
use crate::openapi::responses::{
    BadRequest, BodyErrors, Conflict, Forbidden, NotFound, TooManyRequests, Unauthenticated,
    Unavailable, ValidationFailed,
};
use crate::paging::paged_response;
use crate::state::AppState;

/// Posts a comment as the signed-in member, with a captcha. It appears at once or waits for a
/// moderator (see `status`), depending on the moderation policy, links and banned words.
#[utoipa::path(
    tag = "comments",
    summary = "Posts a comment as the signed-in member",
    description = "Posts a comment, or a reply to an approved comment, under a published article, \
        with the answer to a captcha from `POST /api/v1/captchas`. It appears at once or waits for \
        a moderator (see `status`), depending on the moderation policy, links and banned words. \
        Needs a login: an API token is refused.\n\n\
        Fails with 400 when the captcha is wrong, expired, used or from another client; 403 when \
        comments are closed or the member may not comment (yet) (`member_pending`, \
        `member_not_approved`); 404 when no published article has the id, or the quoted comment is \
        not on it; 409 when the member already posted the same text there; 422 when the content is \
        blank or too long; 429 too soon after the member's last comment, or after too many from \
        this address in an hour.",
    security(("bearer_jwt" = [])),
    params(("id" = i64, Path, description = "The article's id")),
    request_body = CreateCommentRequest,
    responses(
        (status = 201, description = "Created; `status` says whether it waits for moderation", body = CommentResponse,
            headers(("Location" = String, description = "The comment's URL under `/api/v1/comments/{id}`"))),
        BodyErrors, Unauthenticated, Forbidden, NotFound, Conflict, TooManyRequests, Unavailable,
    ),
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
    description = "The signed-in member's own comments in every status (waiting, approved, \
        rejected), newest first.\n\n\
        Fails with 401 when not signed in; 422 when `page` or `per_page` is out of range.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of the caller's comments", body = CommentPage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        Unauthenticated, ValidationFailed, Unavailable,
    ),
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
    description = "Replaces the text of the caller's own comment, within 15 minutes of posting; \
        the new text may send it back to moderation. Needs a login: an API token is refused.\n\n\
        Fails with 403 once the 15 minutes have passed; 404 when the caller has no comment with \
        this id (someone else's included); 422 when the content is blank or too long.",
    security(("bearer_jwt" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    request_body = UpdateCommentRequest,
    responses(
        (status = 200, description = "The edited comment (it may go back to moderation)", body = CommentResponse),
        BodyErrors, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
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
    description = "Deletes the caller's own comment. Needs a login: an API token is refused.\n\n\
        Fails with 404 when the caller has no comment with this id (someone else's included).",
    security(("bearer_jwt" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted"),
        BadRequest, Unauthenticated, NotFound, Unavailable,
    ),
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

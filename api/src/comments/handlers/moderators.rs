//! Moderators' endpoints: the comment queue, statuses, deletes, bulk actions and (admins) the
//! banned-word list.

use actix_web::http::header;
use actix_web::{delete, get, patch, post, put, web, HttpRequest, HttpResponse};

use crate::auth::{Admin, Staff};
use crate::comments::dto::{
    AdminCommentPage, AdminCommentsQuery, BannedWords, BulkModerationRequest,
    BulkModerationResponse, ModerateCommentRequest,
};
use crate::comments::queries::AdminFilter;
use crate::comments::review;
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::large_json::{read, JsonBody};
use crate::openapi::responses::{
    BadRequest, BodyErrors, Forbidden, NotFound, Unauthenticated, Unavailable, ValidationFailed,
};
use crate::paging::paged_response;
use crate::state::AppState;
use crate::tokens::Scope;

/// Comments for moderators, filtered by status and article.
#[utoipa::path(
    tag = "admin",
    description = "Comments in any status for moderators, filtered by status and article, newest \
        first. An API token needs `comments:moderate`.\n\n\
        Fails with 400 when a filter cannot be read; 403 for a member, or a token without \
        `comments:moderate`; 422 when `page` or `per_page` is out of range.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(AdminCommentsQuery),
    responses(
        (status = 200, description = "One page of comments", body = AdminCommentPage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        BadRequest, Unauthenticated, Forbidden, ValidationFailed, Unavailable,
    ),
)]
#[get("/admin/comments")]
pub async fn admin_list_comments(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Staff,
    query: web::Query<AdminCommentsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let query = query.into_inner();
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let filter = AdminFilter {
        status: query.status.map(Into::into),
        article_id: query.article_id,
    };
    let (items, total) = review::list_comments(&state.db, filter, page).await?;
    Ok(paged_response(&req, page, total, page.total_pages(total))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(AdminCommentPage {
            items,
            page: page.page(),
            per_page: page.per_page(),
            total,
            total_pages: page.total_pages(total),
        }))
}

/// Sets a comment's status (approve, reject, mark as spam, or back to pending).
#[utoipa::path(
    tag = "admin",
    description = "Sets a comment's status: approve, reject, mark as spam, or back to pending; the \
        article's comment count follows. An API token needs `comments:moderate`.\n\n\
        Fails with 403 for a member, or a token without `comments:moderate`; 404 when there is no \
        such comment.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    request_body = ModerateCommentRequest,
    responses(
        (status = 204, description = "Done; the article's comment count follows"),
        BodyErrors, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
)]
#[patch("/admin/comments/{id}")]
pub async fn moderate_comment(
    state: web::Data<AppState>,
    caller: Staff,
    id: web::Path<i64>,
    body: JsonBody<ModerateCommentRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let status = read(body)?.status.into();
    review::set_status(&state.db, caller, id.into_inner(), status).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Deletes any comment.
#[utoipa::path(
    tag = "admin",
    description = "Deletes any member's comment for good. An API token needs `comments:moderate`.\n\n\
        Fails with 403 for a member, or a token without `comments:moderate`; 404 when there is no \
        such comment.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted"),
        BadRequest, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
)]
#[delete("/admin/comments/{id}")]
pub async fn admin_delete_comment(
    state: web::Data<AppState>,
    caller: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    review::delete_comment(&state.db, caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Applies one action to up to 100 comments, all or nothing.
#[utoipa::path(
    tag = "admin",
    description = "Approves, rejects, marks as spam or deletes up to 100 comments in one \
        transaction, all or nothing, and answers how many changed. An API token needs \
        `comments:moderate`.\n\n\
        Fails with 403 for a member, or a token without `comments:moderate`; 422 for no ids or \
        more than 100.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    request_body = BulkModerationRequest,
    responses(
        (status = 200, description = "How many comments changed", body = BulkModerationResponse),
        BodyErrors, Unauthenticated, Forbidden, Unavailable,
    ),
)]
#[post("/admin/comments/bulk")]
pub async fn bulk_moderate(
    state: web::Data<AppState>,
    caller: Staff,
    body: JsonBody<BulkModerationRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let BulkModerationRequest { ids, action } = read(body)?;
    let affected = review::apply_bulk(&state.db, caller, ids, action).await?;
    Ok(HttpResponse::Ok().json(BulkModerationResponse { affected }))
}

/// The banned-word list (admins).
#[utoipa::path(
    tag = "admin",
    description = "The words and phrases that send a comment to moderation, for admins. An API \
        token needs `comments:moderate`.\n\n\
        Fails with 403 for anyone but an admin, or a token without `comments:moderate`.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    responses(
        (status = 200, description = "The list", body = BannedWords),
        Unauthenticated, Forbidden, Unavailable,
    ),
)]
#[get("/admin/banned-words")]
pub async fn get_banned_words(
    state: web::Data<AppState>,
    caller: Admin,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let words = review::banned_words(&state.db).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(BannedWords { words }))
}

/// Replaces the banned-word list (admins): at most 1,000 entries of up to 50 characters.
#[utoipa::path(
    tag = "admin",
    description = "Replaces the banned-word list, for admins: at most 1,000 entries of up to 50 \
        characters. An API token needs `comments:moderate`.\n\n\
        Fails with 403 for anyone but an admin, or a token without `comments:moderate`; 422 for \
        too many or too long entries, or one with a control character.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    request_body = BannedWords,
    responses(
        (status = 200, description = "The stored list", body = BannedWords),
        BodyErrors, Unauthenticated, Forbidden, Unavailable,
    ),
)]
#[put("/admin/banned-words")]
pub async fn set_banned_words(
    state: web::Data<AppState>,
    caller: Admin,
    body: JsonBody<BannedWords>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let words = review::replace_banned_words(&state.db, caller, read(body)?.words).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(BannedWords { words }))
}

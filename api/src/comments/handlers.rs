use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{delete, get, patch, post, put, web, HttpRequest, HttpResponse};

use super::dto::{
    AdminComment, AdminCommentPage, AdminCommentsQuery, BannedWords, BulkAction,
    BulkModerationRequest, BulkModerationResponse, CommentAuthor, CommentPage, CommentResponse,
    CommentStatus, CreateCommentRequest, LatestComment, LatestCommentsResponse, LatestQuery,
    ModerateCommentRequest, PageQuery, QuotedComment, UpdateCommentRequest,
};
use super::model::{status as comment_status, Comment, NewComment};
use super::moderation::{needs_moderation, parse_content, TRUSTED_AFTER};
use super::queries::{self, AdminFilter, AuthorRow};
use crate::articles::queries as article_queries;
use crate::audit::{self, Entry};
use crate::auth::{Admin, SignedIn, Staff};
use crate::captcha::queries as captcha_queries;
use crate::client::Client;
use crate::config::CommentModeration;
use crate::db::write_transaction;
use crate::domain::{parse_count, Pagination};
use crate::error::{ApiError, FieldError, Problem};
use crate::large_json::{read, JsonBody};
use crate::members::dto::MemberKind;
use crate::members::model::status as member_status;
use crate::paging::paged_response;
use crate::state::AppState;
use crate::tokens::Scope;

/// A member's own comment may be edited this long after posting.
const EDIT_WINDOW_MINUTES: i64 = 15;
const QUOTE_CHARS: usize = 100;

pub fn author_of((display_name, kind, company_name): AuthorRow) -> CommentAuthor {
    let enterprise = kind == "enterprise";
    CommentAuthor {
        display_name: match company_name {
            Some(company) if enterprise => company,
            _ => display_name,
        },
        kind: if enterprise {
            MemberKind::Enterprise
        } else {
            MemberKind::Personal
        },
    }
}

fn response_of(
    comment: Comment,
    author: AuthorRow,
    quotes: &HashMap<i64, (String, AuthorRow)>,
) -> CommentResponse {
    let reply_to = comment.reply_to.and_then(|id| {
        quotes.get(&id).map(|(content, author)| QuotedComment {
            id,
            author: author_of(author.clone()),
            content: content.chars().take(QUOTE_CHARS).collect(),
        })
    });
    CommentResponse {
        id: comment.id,
        article_id: comment.article_id,
        author: author_of(author),
        content: comment.content,
        status: CommentStatus::from_db(&comment.status),
        created_at: comment.created_at.and_utc(),
        edited: comment.edited,
        reply_to,
    }
}

/// Comments with their quoted comments, loaded in one extra query (never one per comment).
fn with_quotes(
    conn: &mut crate::db::DbConnection,
    rows: Vec<(Comment, AuthorRow)>,
) -> Result<Vec<CommentResponse>, ApiError> {
    let reply_ids: Vec<i64> = rows.iter().filter_map(|(c, _)| c.reply_to).collect();
    let quotes = queries::quoted(conn, reply_ids)?;
    Ok(rows
        .into_iter()
        .map(|(c, a)| response_of(c, a, &quotes))
        .collect())
}

fn validation(field: &str, (code, message): (&'static str, String)) -> ApiError {
    ApiError::Validation(vec![FieldError::new(field, code, message)])
}

/// An article's approved comments, newest first.
#[utoipa::path(
    tag = "comments",
    params(("id" = i64, Path, description = "The article's id"), PageQuery),
    responses(
        (status = 200, description = "One page of approved comments", body = CommentPage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published article", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page` or `per_page` out of range", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
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
        .run(move |conn| {
            if article_queries::is_public(conn, id)?.is_none() {
                return Err(ApiError::NotFound(format!(
                    "no published article has id {id}"
                )));
            }
            let (rows, total) = queries::approved_for_article(conn, id, page)?;
            Ok((with_quotes(conn, rows)?, total))
        })
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

pub fn latest_comments(
    conn: &mut crate::db::DbConnection,
    limit: i64,
) -> Result<Vec<LatestComment>, ApiError> {
    Ok(queries::latest(conn, limit)?
        .into_iter()
        .map(|(comment, article_title, author)| LatestComment {
            id: comment.id,
            article_id: comment.article_id,
            article_title,
            author: author_of(author),
            content: comment.content,
            created_at: comment.created_at.and_utc(),
        })
        .collect())
}

/// The latest approved comments across the site.
#[utoipa::path(
    tag = "comments",
    params(LatestQuery),
    responses(
        (status = 200, description = "Newest first", body = LatestCommentsResponse),
        (status = 422, description = "`limit` out of range", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/comments/latest")]
pub async fn get_latest_comments(
    state: web::Data<AppState>,
    query: web::Query<LatestQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = parse_count("limit", query.limit.as_deref(), 10, 1, 50)?;
    let items = state
        .db
        .run(move |conn| latest_comments(conn, limit))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=5"))
        .json(LatestCommentsResponse { items }))
}

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
#[allow(clippy::too_many_arguments)]
pub async fn create_comment(
    state: web::Data<AppState>,
    client: Client,
    caller: SignedIn,
    id: web::Path<i64>,
    body: JsonBody<CreateCommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let article_id = id.into_inner();
    let CreateCommentRequest {
        content,
        captcha_id,
        captcha_answer,
        reply_to,
    } = read(body)?;
    let content = match parse_content(&content) {
        Ok(content) => content,
        Err(invalid) => {
            // Any attempt spends the captcha, even one refused for its text.
            state
                .db
                .write(move |conn| Ok(captcha_queries::discard(conn, &captcha_id)?))
                .await?;
            return Err(validation("content", invalid));
        }
    };
    match caller.status.as_str() {
        member_status::PENDING => {
            return Err(ApiError::forbidden(
                "member_pending",
                "an enterprise member may comment once an admin has approved the account",
            ))
        }
        member_status::ACTIVE => {}
        _ => {
            return Err(ApiError::forbidden(
                "member_not_approved",
                "this account may not comment",
            ))
        }
    }
    let address_key = client.address_hash();
    let client = client.hash();
    let policy = state.config.comments.moderation;
    let (interval, hourly_cap) = (
        state.config.comments.interval,
        state.config.comments.hourly_cap,
    );
    let member_id = caller.id;

    let created = state
        .db
        .run(move |conn| {
            let comments_open: Option<bool> = {
                use crate::db::schema::articles;
                use diesel::prelude::*;
                articles::table
                    .filter(articles::id.eq(article_id))
                    .filter(article_queries::publicly_visible())
                    .select(articles::comments_open)
                    .first(conn)
                    .optional()?
            };
            match comments_open {
                None => {
                    return Err(ApiError::NotFound(format!(
                        "no published article has id {article_id}"
                    )))
                }
                Some(false) => {
                    return Err(ApiError::forbidden(
                        "comments_closed",
                        "comments are closed on this article",
                    ))
                }
                Some(true) => {}
            }
            if let Some(reply_id) = reply_to {
                let quoted = queries::find(conn, reply_id)?;
                if !quoted.is_some_and(|q| {
                    q.article_id == article_id && q.status == comment_status::APPROVED
                }) {
                    return Err(ApiError::NotFound(format!(
                        "no approved comment {reply_id} on this article"
                    )));
                }
            }
            let now = chrono::Utc::now().naive_utc();
            // Zero turns each limit off (both are configuration: KANWU_COMMENT_INTERVAL_SECS,
            // KANWU_COMMENT_HOURLY_CAP).
            if !interval.is_zero() {
                if let Some(last) = queries::last_comment_at(conn, member_id)? {
                    let next_allowed =
                        last + chrono::Duration::from_std(interval).unwrap_or_default();
                    if next_allowed > now {
                        let retry_after = (next_allowed - now).num_seconds().max(1) as u64;
                        return Err(ApiError::TooManyRequests { retry_after });
                    }
                }
            }
            let hour_ago = now - chrono::Duration::hours(1);
            // The check reads up to `hourly_cap` of the address's recent comments.
            if hourly_cap > 0
                && queries::client_reached_cap_since(conn, &address_key, hour_ago, hourly_cap)?
            {
                return Err(ApiError::TooManyRequests { retry_after: 3_600 });
            }
            if queries::is_duplicate(conn, member_id, article_id, &content)? {
                return Err(ApiError::conflict(
                    "duplicate_comment",
                    "you already posted this text on this article",
                ));
            }
            let banned = queries::banned_words(conn)?;
            let approved_before =
                queries::approved_count_by_member(conn, member_id, TRUSTED_AFTER)?;
            let status = if needs_moderation(&content, &banned, policy, approved_before) {
                comment_status::PENDING
            } else {
                comment_status::APPROVED
            };
            // The captcha is spent and the comment stored in one commit (one disk sync). A wrong
            // answer commits the spending and stores nothing.
            let id = write_transaction(conn, |conn| {
                if !captcha_queries::consume(conn, &captcha_id, &captcha_answer, &client)? {
                    return Ok::<_, diesel::result::Error>(None);
                }
                queries::insert(
                    conn,
                    NewComment {
                        article_id,
                        member_id,
                        reply_to,
                        content,
                        status: status.into(),
                        client_hash: address_key,
                        created_at: now,
                        updated_at: now,
                    },
                )
                .map(Some)
            })?
            .ok_or(ApiError::CaptchaInvalid)?;
            let comment = queries::find(conn, id)?
                .ok_or_else(|| ApiError::internal(anyhow::anyhow!("comment {id} vanished")))?;
            let author = member_author(conn, member_id)?;
            Ok(with_quotes(conn, vec![(comment, author)])?.remove(0))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/comments/{}", created.id)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created))
}

fn member_author(
    conn: &mut crate::db::DbConnection,
    member_id: i64,
) -> Result<AuthorRow, ApiError> {
    let member =
        crate::members::queries::find(conn, member_id)?.ok_or(ApiError::Unauthenticated)?;
    Ok((member.display_name, member.kind, member.company_name))
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
        .run(move |conn| {
            let (rows, total) = queries::by_member(conn, caller.id, page)?;
            Ok((with_quotes(conn, rows)?, total))
        })
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

/// The caller's own comment or nothing: someone else's is "not found", so ids reveal nothing.
fn own_comment(
    conn: &mut crate::db::DbConnection,
    id: i64,
    member_id: i64,
) -> Result<Comment, ApiError> {
    queries::find(conn, id)?
        .filter(|c| c.member_id == member_id)
        .ok_or_else(|| ApiError::NotFound(format!("you have no comment {id}")))
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
    let id = id.into_inner();
    let body = read(body)?;
    let content = parse_content(&body.content).map_err(|e| validation("content", e))?;
    let updated = state
        .db
        .run(move |conn| {
            let comment = own_comment(conn, id, caller.id)?;
            let deadline = comment.created_at + chrono::Duration::minutes(EDIT_WINDOW_MINUTES);
            if chrono::Utc::now().naive_utc() > deadline {
                return Err(ApiError::forbidden(
                    "edit_window_closed",
                    "comments can be edited for 15 minutes after posting",
                ));
            }
            let banned = queries::banned_words(conn)?;
            // Rejected and spam comments stay so; pending ones stay pending; an approved one goes back
            // to the queue when the new text has too many links or a banned word.
            let spam_like = needs_moderation(&content, &banned, CommentModeration::None, 0);
            let status = match comment.status.as_str() {
                comment_status::APPROVED if spam_like => comment_status::PENDING,
                other => other,
            }
            .to_owned();
            write_transaction(conn, |conn| {
                queries::update_content(conn, &comment, &content, &status)
            })?;
            let comment = queries::find(conn, id)?
                .ok_or_else(|| ApiError::NotFound(format!("you have no comment {id}")))?;
            let author = member_author(conn, caller.id)?;
            Ok(with_quotes(conn, vec![(comment, author)])?.remove(0))
        })
        .await?;
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
    let id = id.into_inner();
    state
        .db
        .run_writing(move |conn| {
            own_comment(conn, id, caller.id)?;
            write_transaction(conn, |conn| queries::delete(conn, id))?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Comments for moderators, filtered by status and article.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(AdminCommentsQuery),
    responses(
        (status = 200, description = "One page of comments", body = AdminCommentPage,
            headers(("X-Total-Count" = i64, description = "All matches"), ("Link" = String, description = "Next and previous pages"))),
        (status = 400, description = "A filter cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page` or `per_page` out of range", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
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
        status: query.status.map(|s| s.as_str()),
        article_id: query.article_id,
    };
    let (rows, total) = state
        .db
        .run(move |conn| Ok(queries::admin_list(conn, &filter, page)?))
        .await?;
    let items = rows
        .into_iter()
        .map(|(comment, article_title, author)| AdminComment {
            id: comment.id,
            article_id: comment.article_id,
            article_title,
            member_id: comment.member_id,
            author: author_of(author),
            content: comment.content,
            status: CommentStatus::from_db(&comment.status),
            created_at: comment.created_at.and_utc(),
            edited: comment.edited,
        })
        .collect();
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
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    request_body = ModerateCommentRequest,
    responses(
        (status = 204, description = "Done; the article's comment count follows"),
        (status = 400, description = "The body is not JSON or the id not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such comment", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or unknown fields", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/comments/{id}")]
pub async fn moderate_comment(
    state: web::Data<AppState>,
    caller: Staff,
    id: web::Path<i64>,
    body: JsonBody<ModerateCommentRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let id = id.into_inner();
    let status = read(body)?.status.as_str();
    let found = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let changed = queries::set_status(conn, id, status)?;
                if changed {
                    audit::record(
                        conn,
                        &caller,
                        Entry {
                            action: "comment.moderate",
                            target_type: "comment",
                            target_id: id.to_string(),
                            summary: status,
                        },
                    )?;
                }
                Ok::<_, ApiError>(changed)
            })
        })
        .await?;
    if !found {
        return Err(ApiError::NotFound(format!("no comment has id {id}")));
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Deletes any comment.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The comment's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such comment", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/admin/comments/{id}")]
pub async fn admin_delete_comment(
    state: web::Data<AppState>,
    caller: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let id = id.into_inner();
    let found = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let deleted = queries::delete(conn, id)?;
                if deleted {
                    audit::record(
                        conn,
                        &caller,
                        Entry {
                            action: "comment.delete",
                            target_type: "comment",
                            target_id: id.to_string(),
                            summary: "deleted",
                        },
                    )?;
                }
                Ok::<_, ApiError>(deleted)
            })
        })
        .await?;
    if !found {
        return Err(ApiError::NotFound(format!("no comment has id {id}")));
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Applies one action to up to 100 comments, all or nothing.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = BulkModerationRequest,
    responses(
        (status = 200, description = "How many comments changed", body = BulkModerationResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor or admin", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No ids, more than 100, or unknown fields", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/comments/bulk")]
pub async fn bulk_moderate(
    state: web::Data<AppState>,
    caller: Staff,
    body: JsonBody<BulkModerationRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let BulkModerationRequest { mut ids, action } = read(body)?;
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > 100 {
        return Err(ApiError::validation("ids", "count", "send 1 to 100 ids"));
    }
    let affected = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let mut affected = 0;
                let (first, last, count) = (ids[0], ids[ids.len() - 1], ids.len());
                for id in ids {
                    let changed = match action {
                        BulkAction::Approve => {
                            queries::set_status(conn, id, comment_status::APPROVED)?
                        }
                        BulkAction::Reject => {
                            queries::set_status(conn, id, comment_status::REJECTED)?
                        }
                        BulkAction::Spam => queries::set_status(conn, id, comment_status::SPAM)?,
                        BulkAction::Delete => queries::delete(conn, id)?,
                    };
                    affected += i64::from(changed);
                }
                audit::record(
                    conn,
                    &caller,
                    Entry {
                        action: "comment.bulk",
                        target_type: "comment",
                        target_id: format!("{first}..{last}"),
                        summary: &format!("{action:?} {count} ids, {affected} changed"),
                    },
                )?;
                Ok::<_, ApiError>(affected)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(BulkModerationResponse { affected }))
}

/// The banned-word list (admins).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The list", body = BannedWords),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/banned-words")]
pub async fn get_banned_words(
    state: web::Data<AppState>,
    caller: Admin,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let words = state
        .db
        .run(|conn| Ok(queries::banned_words(conn)?))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(BannedWords { words }))
}

/// Replaces the banned-word list (admins): at most 1,000 entries of up to 50 characters.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = BannedWords,
    responses(
        (status = 200, description = "The stored list", body = BannedWords),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Too many or too long entries, or one with a control character", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/banned-words")]
pub async fn set_banned_words(
    state: web::Data<AppState>,
    caller: Admin,
    body: JsonBody<BannedWords>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::CommentsModerate)?;
    let mut words: Vec<String> = read(body)?
        .words
        .into_iter()
        .map(|w| w.trim().to_owned())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    if words.len() > 1_000
        || words
            .iter()
            .any(|w| w.chars().count() > 50 || w.chars().any(char::is_control))
    {
        return Err(ApiError::validation(
            "words",
            "invalid",
            "at most 1,000 words of up to 50 characters, one line each, without control characters",
        ));
    }
    let stored = words.clone();
    state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                queries::set_banned_words(conn, &stored)?;
                audit::record(
                    conn,
                    &caller,
                    Entry {
                        action: "settings.banned_words",
                        target_type: "settings",
                        target_id: "banned_words".into(),
                        summary: &format!("{} words", stored.len()),
                    },
                )?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(BannedWords { words }))
}

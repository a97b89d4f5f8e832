//! A member's own comments: posting one (its checks and the moderation decision), editing it within
//! the edit window, deleting it.

use chrono::NaiveDateTime;

use super::dto::{CommentResponse, CreateCommentRequest};
use super::model::{Comment, CommentStatus, NewComment};
use super::moderation::{needs_moderation, parse_content, TRUSTED_AFTER};
use super::queries;
use super::reading::one_comment;
use crate::articles::queries as article_queries;
use crate::auth::{MemberStatus, SignedIn};
use crate::captcha::queries as captcha_queries;
use crate::config::{CommentConfig, CommentModeration};
use crate::db::{write_transaction, Database, DbConnection};
use crate::error::ApiError;

/// A member's own comment may be edited this long after posting.
const EDIT_WINDOW_MINUTES: i64 = 15;

/// Who posts, short of the login: the captcha is bound to `client` (address and browser, hashed),
/// the hourly cap counts `address` (hashed alone).
pub struct ClientHashes {
    pub client: String,
    pub address: String,
}

/// Posts a comment on a public article: the text, the member's standing, the article open for
/// comments, the quoted comment, the flood interval, the hourly cap and duplicates are checked in
/// that order; then the moderation decision, and the captcha is spent and the comment stored in
/// one commit.
pub async fn post_comment(
    db: &Database,
    config: &CommentConfig,
    client: ClientHashes,
    member: &SignedIn,
    article_id: i64,
    request: CreateCommentRequest,
) -> Result<CommentResponse, ApiError> {
    let CreateCommentRequest {
        content,
        captcha_id,
        captcha_answer,
        reply_to,
    } = request;
    let content = match parse_content(&content) {
        Ok(content) => content,
        Err((code, message)) => {
            // Any attempt spends the captcha, even one refused for its text.
            db.write(move |conn| Ok(captcha_queries::discard(conn, &captcha_id)?))
                .await?;
            return Err(ApiError::validation("content", code, message));
        }
    };
    may_comment(member.status)?;
    let config = *config;
    let member_id = member.id;
    // Reads in parallel with other comments' checks; only the commit queues among the writers.
    db.run(move |conn| {
        check_article_open(conn, article_id)?;
        if let Some(reply_id) = reply_to {
            check_reply_target(conn, article_id, reply_id)?;
        }
        let now = chrono::Utc::now().naive_utc();
        check_rate_limits(conn, &config, member_id, &client.address, now)?;
        if queries::is_duplicate(conn, member_id, article_id, &content)? {
            return Err(ApiError::conflict(
                "duplicate_comment",
                "you already posted this text on this article",
            ));
        }
        let status = new_comment_status(conn, &content, member_id, config.moderation)?;
        let comment = NewComment {
            article_id,
            member_id,
            reply_to,
            content,
            status,
            client_hash: client.address,
            created_at: now,
            updated_at: now,
        };
        // The captcha is spent and the comment stored in one commit (one disk sync). A wrong
        // answer commits the spending and stores nothing.
        let id = write_transaction(conn, |conn| {
            if !captcha_queries::consume(conn, &captcha_id, &captcha_answer, &client.client)? {
                return Ok::<_, diesel::result::Error>(None);
            }
            queries::insert(conn, comment).map(Some)
        })?
        .ok_or(ApiError::CaptchaInvalid)?;
        let comment = queries::find(conn, id)?
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("comment {id} vanished")))?;
        one_comment(conn, comment, member_id)
    })
    .await
}

/// Edits the member's own comment within 15 minutes of posting. Rejected and spam comments stay
/// so, pending ones stay pending; an approved one goes back to the queue when the new text has too
/// many links or a banned word.
pub async fn edit_comment(
    db: &Database,
    member_id: i64,
    id: i64,
    content: &str,
) -> Result<CommentResponse, ApiError> {
    let content = parse_content(content)
        .map_err(|(code, message)| ApiError::validation("content", code, message))?;
    db.run(move |conn| {
        let comment = own_comment(conn, id, member_id)?;
        let deadline = comment.created_at + chrono::Duration::minutes(EDIT_WINDOW_MINUTES);
        if chrono::Utc::now().naive_utc() > deadline {
            return Err(ApiError::forbidden(
                "edit_window_closed",
                "comments can be edited for 15 minutes after posting",
            ));
        }
        let banned = queries::banned_words(conn)?;
        let spam_like = needs_moderation(&content, &banned, CommentModeration::None, 0);
        let status = match comment.status {
            CommentStatus::Approved if spam_like => CommentStatus::Pending,
            other => other,
        };
        write_transaction(conn, |conn| {
            queries::update_content(conn, &comment, &content, status)
        })?;
        let comment = queries::find(conn, id)?
            .ok_or_else(|| ApiError::NotFound(format!("you have no comment {id}")))?;
        one_comment(conn, comment, member_id)
    })
    .await
}

/// Deletes the member's own comment.
pub async fn delete_own_comment(db: &Database, member_id: i64, id: i64) -> Result<(), ApiError> {
    db.run_writing(move |conn| {
        own_comment(conn, id, member_id)?;
        write_transaction(conn, |conn| queries::delete(conn, id))?;
        Ok(())
    })
    .await
}

/// Only an active member comments; an enterprise account waits for an admin's approval first.
fn may_comment(status: MemberStatus) -> Result<(), ApiError> {
    match status {
        MemberStatus::Active => Ok(()),
        MemberStatus::Pending => Err(ApiError::forbidden(
            "member_pending",
            "an enterprise member may comment once an admin has approved the account",
        )),
        MemberStatus::Rejected | MemberStatus::Disabled => Err(ApiError::forbidden(
            "member_not_approved",
            "this account may not comment",
        )),
    }
}

fn check_article_open(conn: &mut DbConnection, article_id: i64) -> Result<(), ApiError> {
    match article_queries::comments_open(conn, article_id)? {
        None => Err(ApiError::NotFound(format!(
            "no published article has id {article_id}"
        ))),
        Some(false) => Err(ApiError::forbidden(
            "comments_closed",
            "comments are closed on this article",
        )),
        Some(true) => Ok(()),
    }
}

/// A reply quotes an approved comment on the same article.
fn check_reply_target(
    conn: &mut DbConnection,
    article_id: i64,
    reply_id: i64,
) -> Result<(), ApiError> {
    let quoted = queries::find(conn, reply_id)?;
    if quoted.is_some_and(|q| q.article_id == article_id && q.status == CommentStatus::Approved) {
        Ok(())
    } else {
        Err(ApiError::NotFound(format!(
            "no approved comment {reply_id} on this article"
        )))
    }
}

/// The member's interval between comments and the address's hourly cap; zero turns either off
/// (KANWU_COMMENT_INTERVAL_SECS, KANWU_COMMENT_HOURLY_CAP).
fn check_rate_limits(
    conn: &mut DbConnection,
    config: &CommentConfig,
    member_id: i64,
    address_hash: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if !config.interval.is_zero() {
        if let Some(last) = queries::last_comment_at(conn, member_id)? {
            let next_allowed =
                last + chrono::Duration::from_std(config.interval).unwrap_or_default();
            if next_allowed > now {
                let retry_after = (next_allowed - now).num_seconds().max(1) as u64;
                return Err(ApiError::TooManyRequests { retry_after });
            }
        }
    }
    let hour_ago = now - chrono::Duration::hours(1);
    // The check reads up to `hourly_cap` of the address's recent comments.
    if config.hourly_cap > 0
        && queries::client_reached_cap_since(conn, address_hash, hour_ago, config.hourly_cap)?
    {
        return Err(ApiError::TooManyRequests { retry_after: 3_600 });
    }
    Ok(())
}

/// The moderation decision: whether the new comment waits for a moderator or appears at once.
fn new_comment_status(
    conn: &mut DbConnection,
    content: &str,
    member_id: i64,
    policy: CommentModeration,
) -> Result<CommentStatus, ApiError> {
    let banned = queries::banned_words(conn)?;
    let approved_before = queries::approved_count_by_member(conn, member_id, TRUSTED_AFTER)?;
    Ok(
        if needs_moderation(content, &banned, policy, approved_before) {
            CommentStatus::Pending
        } else {
            CommentStatus::Approved
        },
    )
}

/// The member's own comment or nothing: someone else's is "not found", so ids reveal nothing.
fn own_comment(conn: &mut DbConnection, id: i64, member_id: i64) -> Result<Comment, ApiError> {
    queries::find(conn, id)?
        .filter(|c| c.member_id == member_id)
        .ok_or_else(|| ApiError::NotFound(format!("you have no comment {id}")))
}

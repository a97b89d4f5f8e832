//! What moderators do to comments: list them, set a status, delete, act on many at once, keep the
//! banned-word list. Each change is audited in its own transaction.

use super::dto::{AdminComment, BulkAction};
use super::model::CommentStatus;
use super::queries::{self, AdminFilter};
use crate::audit::{self, Entry};
use crate::auth::{Admin, Staff};
use crate::db::{write_transaction, Database};
use crate::domain::Pagination;
use crate::error::ApiError;

/// Most comments one bulk action may name.
const BULK_MAX: usize = 100;
/// Most entries in the banned-word list, and characters in one.
const BANNED_WORDS_MAX: usize = 1_000;
const BANNED_WORD_CHARS: usize = 50;

/// One page of comments for moderators, newest first, and how many match.
pub async fn list_comments(
    db: &Database,
    filter: AdminFilter,
    page: Pagination,
) -> Result<(Vec<AdminComment>, i64), ApiError> {
    let (rows, total) = db
        .run(move |conn| Ok(queries::admin_list(conn, &filter, page)?))
        .await?;
    Ok((rows.into_iter().map(AdminComment::from).collect(), total))
}

/// Sets a comment's status; the article's comment count follows.
pub async fn set_status(
    db: &Database,
    moderator: Staff,
    id: i64,
    status: CommentStatus,
) -> Result<(), ApiError> {
    let found = db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let changed = queries::set_status(conn, id, status)?;
                if changed {
                    audit::record(
                        conn,
                        &moderator,
                        Entry {
                            action: "comment.moderate",
                            target_type: "comment",
                            target_id: id.to_string(),
                            summary: status.as_str(),
                        },
                    )?;
                }
                Ok::<_, ApiError>(changed)
            })
        })
        .await?;
    found
        .then_some(())
        .ok_or_else(|| ApiError::NotFound(format!("no comment has id {id}")))
}

/// Deletes any comment.
pub async fn delete_comment(db: &Database, moderator: Staff, id: i64) -> Result<(), ApiError> {
    let found = db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let deleted = queries::delete(conn, id)?;
                if deleted {
                    audit::record(
                        conn,
                        &moderator,
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
    found
        .then_some(())
        .ok_or_else(|| ApiError::NotFound(format!("no comment has id {id}")))
}

/// Applies one action to 1 to 100 comments, all or nothing; returns how many changed (ids that do
/// not exist are skipped).
pub async fn apply_bulk(
    db: &Database,
    moderator: Staff,
    mut ids: Vec<i64>,
    action: BulkAction,
) -> Result<i64, ApiError> {
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > BULK_MAX {
        return Err(ApiError::validation("ids", "count", "send 1 to 100 ids"));
    }
    db.run_writing(move |conn| {
        write_transaction(conn, |conn| {
            let mut affected = 0;
            let (first, last, count) = (ids[0], ids[ids.len() - 1], ids.len());
            for id in ids {
                let changed = match action {
                    BulkAction::Approve => queries::set_status(conn, id, CommentStatus::Approved)?,
                    BulkAction::Reject => queries::set_status(conn, id, CommentStatus::Rejected)?,
                    BulkAction::Spam => queries::set_status(conn, id, CommentStatus::Spam)?,
                    BulkAction::Delete => queries::delete(conn, id)?,
                };
                affected += i64::from(changed);
            }
            audit::record(
                conn,
                &moderator,
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
    .await
}

pub async fn banned_words(db: &Database) -> Result<Vec<String>, ApiError> {
    db.run(|conn| Ok(queries::banned_words(conn)?)).await
}

/// Replaces the banned-word list with these words, trimmed, sorted and without repeats or blanks:
/// at most 1,000 of up to 50 characters, none with a control character. Returns the stored list.
pub async fn replace_banned_words(
    db: &Database,
    admin: Admin,
    words: Vec<String>,
) -> Result<Vec<String>, ApiError> {
    let mut words: Vec<String> = words
        .into_iter()
        .map(|w| w.trim().to_owned())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    if words.len() > BANNED_WORDS_MAX
        || words
            .iter()
            .any(|w| w.chars().count() > BANNED_WORD_CHARS || w.chars().any(char::is_control))
    {
        return Err(ApiError::validation(
            "words",
            "invalid",
            "at most 1,000 words of up to 50 characters, one line each, without control characters",
        ));
    }
    let stored = words.clone();
    db.run_writing(move |conn| {
        write_transaction(conn, |conn| {
            queries::set_banned_words(conn, &stored)?;
            audit::record(
                conn,
                &admin,
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
    Ok(words)
}

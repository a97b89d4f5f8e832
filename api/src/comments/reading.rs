//! Reading comments: an article's approved ones, a member's own, and the latest across the site
//! (which the home page shows too).

use super::dto::{CommentResponse, LatestComment};
use super::model::Comment;
use super::queries::{self, AuthorRow};
use crate::articles::queries as article_queries;
use crate::db::DbConnection;
use crate::domain::Pagination;
use crate::error::ApiError;

/// One page of a public article's approved comments, newest first, and how many there are.
pub fn article_comments(
    conn: &mut DbConnection,
    article_id: i64,
    page: Pagination,
) -> Result<(Vec<CommentResponse>, i64), ApiError> {
    if article_queries::is_public(conn, article_id)?.is_none() {
        return Err(ApiError::NotFound(format!(
            "no published article has id {article_id}"
        )));
    }
    let (rows, total) = queries::approved_for_article(conn, article_id, page)?;
    Ok((with_quotes(conn, rows)?, total))
}

/// As [`article_comments`], for a caller that reads the article's publicity itself (the article
/// page, which loads the article at the same time): one query fewer.
pub fn approved_comments(
    conn: &mut DbConnection,
    article_id: i64,
    page: Pagination,
) -> Result<(Vec<CommentResponse>, i64), ApiError> {
    let (rows, total) = queries::approved_for_article(conn, article_id, page)?;
    Ok((with_quotes(conn, rows)?, total))
}

/// One page of a member's own comments, every status, newest first, and how many there are.
pub fn member_comments(
    conn: &mut DbConnection,
    member_id: i64,
    page: Pagination,
) -> Result<(Vec<CommentResponse>, i64), ApiError> {
    let (rows, total) = queries::by_member(conn, member_id, page)?;
    Ok((with_quotes(conn, rows)?, total))
}

/// The newest approved comments on public articles.
pub fn latest_comments(
    conn: &mut DbConnection,
    limit: i64,
) -> Result<Vec<LatestComment>, ApiError> {
    Ok(queries::latest(conn, limit)?
        .into_iter()
        .map(LatestComment::from)
        .collect())
}

/// One comment as its author sees it after a change.
pub(super) fn one_comment(
    conn: &mut DbConnection,
    comment: Comment,
    member_id: i64,
) -> Result<CommentResponse, ApiError> {
    let member =
        crate::members::queries::find(conn, member_id)?.ok_or(ApiError::Unauthenticated)?;
    let author = (
        member.display_name,
        member.kind.as_str().to_owned(),
        member.company_name,
    );
    Ok(with_quotes(conn, vec![(comment, author)])?.remove(0))
}

/// Comments with their quoted comments, loaded in one extra query (never one per comment).
fn with_quotes(
    conn: &mut DbConnection,
    rows: Vec<(Comment, AuthorRow)>,
) -> Result<Vec<CommentResponse>, ApiError> {
    let reply_ids: Vec<i64> = rows.iter().filter_map(|(c, _)| c.reply_to).collect();
    let quotes = queries::quoted(conn, reply_ids)?;
    Ok(rows
        .into_iter()
        .map(|(comment, author)| {
            let quoted = comment.reply_to.and_then(|id| quotes.get(&id));
            CommentResponse::from((comment, author, quoted))
        })
        .collect())
}

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Comment, CommentStatus, NewComment};
use crate::db::schema::{articles, comments, members, settings};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::Pagination;

/// The author columns a comment shows: display name, kind, company name.
pub type AuthorRow = (String, String, Option<String>);
/// A quoted comment: its id, text and author.
pub type QuotedRow = (i64, String, AuthorRow);
/// A comment with its article's title and its author.
pub type LatestRow = (Comment, String, AuthorRow);

const BANNED_WORDS: &str = "banned_words";

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Comment>> {
    comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)
        .optional()
}

/// One page of an article's approved comments, newest first, with their authors.
pub fn approved_for_article(
    conn: &mut DbConnection,
    article_id: i64,
    page: Pagination,
) -> QueryResult<(Vec<(Comment, AuthorRow)>, i64)> {
    let filter = comments::article_id
        .eq(article_id)
        .and(comments::status.eq(CommentStatus::Approved));
    let rows: Vec<(Comment, AuthorRow)> = comments::table
        .inner_join(members::table)
        .filter(filter)
        .order((comments::created_at.desc(), comments::id.desc()))
        .select((
            Comment::as_select(),
            (members::display_name, members::kind, members::company_name),
        ))
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)?;
    // A first page that is not full holds them all: no count needed (most articles have a few).
    let total = if page.offset() == 0 && (rows.len() as i64) < page.per_page() {
        rows.len() as i64
    } else {
        comments::table.filter(filter).count().get_result(conn)?
    };
    Ok((rows, total))
}

/// The comments these replies quote, with their authors, in one query.
pub fn quoted(conn: &mut DbConnection, ids: Vec<i64>) -> QueryResult<HashMap<i64, QuotedRow>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<QuotedRow> = comments::table
        .inner_join(members::table)
        .filter(comments::id.eq_any(ids))
        .filter(comments::status.eq(CommentStatus::Approved))
        .select((
            comments::id,
            comments::content,
            (members::display_name, members::kind, members::company_name),
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|row| (row.0, row)).collect())
}

/// The newest approved comments on public articles, with each article's title and the author.
/// Read newest-first from the comments' own index a batch at a time and matched to their articles
/// and authors by key: joined in one statement, SQLite would start from the million articles.
pub fn latest(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<LatestRow>> {
    let batch = (limit * 3).max(30);
    let mut found = Vec::new();
    let mut offset = 0;
    // A few batches at most: if the newest comments are all under hidden articles, fewer is fine.
    for _ in 0..10 {
        let candidates: Vec<Comment> = comments::table
            .filter(comments::status.eq(CommentStatus::Approved))
            .order((comments::created_at.desc(), comments::id.desc()))
            .select(Comment::as_select())
            .limit(batch)
            .offset(offset)
            .load(conn)?;
        let exhausted = (candidates.len() as i64) < batch;
        if candidates.is_empty() {
            break;
        }
        let article_ids: Vec<i64> = candidates.iter().map(|c| c.article_id).collect();
        let titles: HashMap<i64, String> = articles::table
            .filter(articles::id.eq_any(article_ids))
            .filter(crate::articles::queries::publicly_visible())
            .select((articles::id, articles::title))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect();
        let member_ids: Vec<i64> = candidates.iter().map(|c| c.member_id).collect();
        let authors: HashMap<i64, AuthorRow> = members::table
            .filter(members::id.eq_any(member_ids))
            .select((
                members::id,
                (members::display_name, members::kind, members::company_name),
            ))
            .load::<(i64, AuthorRow)>(conn)?
            .into_iter()
            .collect();
        for comment in candidates {
            let (Some(title), Some(author)) = (
                titles.get(&comment.article_id),
                authors.get(&comment.member_id),
            ) else {
                continue;
            };
            found.push((comment, title.clone(), author.clone()));
            if found.len() as i64 == limit {
                return Ok(found);
            }
        }
        if exhausted {
            break;
        }
        offset += batch;
    }
    Ok(found)
}

pub fn by_member(
    conn: &mut DbConnection,
    member_id: i64,
    page: Pagination,
) -> QueryResult<(Vec<(Comment, AuthorRow)>, i64)> {
    let total = comments::table
        .filter(comments::member_id.eq(member_id))
        .count()
        .get_result(conn)?;
    let rows = comments::table
        .inner_join(members::table)
        .filter(comments::member_id.eq(member_id))
        .order((comments::created_at.desc(), comments::id.desc()))
        .select((
            Comment::as_select(),
            (members::display_name, members::kind, members::company_name),
        ))
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)?;
    Ok((rows, total))
}

pub fn last_comment_at(
    conn: &mut DbConnection,
    member_id: i64,
) -> QueryResult<Option<NaiveDateTime>> {
    comments::table
        .filter(comments::member_id.eq(member_id))
        .select(diesel::dsl::max(comments::created_at))
        .first(conn)
}

/// Whether this client has posted `cap` comments since then: one look at the `cap`-th newest in the
/// client's index (counting, or loading, every comment of a busy address's hour cost each new one
/// a scan of them all).
pub fn client_reached_cap_since(
    conn: &mut DbConnection,
    client_hash: &str,
    since: NaiveDateTime,
    cap: i64,
) -> QueryResult<bool> {
    let cap_th: Option<i64> = comments::table
        .filter(comments::client_hash.eq(client_hash))
        .filter(comments::created_at.gt(since))
        .order(comments::created_at.desc())
        .select(comments::id)
        .offset(cap.max(1) - 1)
        .first(conn)
        .optional()?;
    Ok(cap_th.is_some())
}

pub fn is_duplicate(
    conn: &mut DbConnection,
    member_id: i64,
    article_id: i64,
    content: &str,
) -> QueryResult<bool> {
    let found: i64 = comments::table
        .filter(comments::member_id.eq(member_id))
        .filter(comments::article_id.eq(article_id))
        .filter(comments::content.eq(content))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// The member's approved comments, counted up to `cap` (enough to know whether they are trusted,
/// however many they have).
pub fn approved_count_by_member(
    conn: &mut DbConnection,
    member_id: i64,
    cap: i64,
) -> QueryResult<i64> {
    let ids: Vec<i64> = comments::table
        .filter(comments::member_id.eq(member_id))
        .filter(comments::status.eq(CommentStatus::Approved))
        .select(comments::id)
        .limit(cap)
        .load(conn)?;
    Ok(ids.len() as i64)
}

/// Locks the article's row for the rest of the transaction, so concurrent comment changes on one
/// article take turns and each recount sees the others' committed rows. (On SQLite the write
/// transaction's `BEGIN IMMEDIATE` already serialises writers.)
fn lock_article(conn: &mut DbConnection, article_id: i64) -> QueryResult<()> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT id FROM articles WHERE id = $1 FOR UPDATE")
            .bind::<diesel::sql_types::BigInt, _>(article_id)
            .execute(pg)?;
    }
    Ok(())
}

/// Sets the article's comment count from its approved comments; call inside the changing
/// transaction, after `lock_article`.
pub fn recount(conn: &mut DbConnection, article_id: i64) -> QueryResult<()> {
    let approved = comments::table
        .filter(comments::article_id.eq(article_id))
        .filter(comments::status.eq(CommentStatus::Approved))
        .count()
        .single_value()
        .assume_not_null();
    diesel::update(articles::table.find(article_id))
        .set(articles::comment_count.eq(approved))
        .execute(conn)?;
    Ok(())
}

pub fn insert(conn: &mut DbConnection, comment: NewComment) -> QueryResult<i64> {
    let article_id = comment.article_id;
    lock_article(conn, article_id)?;
    let id = diesel::insert_into(comments::table)
        .values(&comment)
        .returning(comments::id)
        .get_result(conn)?;
    recount(conn, article_id)?;
    Ok(id)
}

pub fn update_content(
    conn: &mut DbConnection,
    comment: &Comment,
    content: &str,
    new_status: CommentStatus,
) -> QueryResult<()> {
    lock_article(conn, comment.article_id)?;
    diesel::update(comments::table.find(comment.id))
        .set((
            comments::content.eq(content),
            comments::status.eq(new_status),
            comments::edited.eq(true),
            comments::updated_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    recount(conn, comment.article_id)
}

pub fn set_status(
    conn: &mut DbConnection,
    id: i64,
    new_status: CommentStatus,
) -> QueryResult<bool> {
    let Some(comment) = find(conn, id)? else {
        return Ok(false);
    };
    lock_article(conn, comment.article_id)?;
    diesel::update(comments::table.find(id))
        .set((
            comments::status.eq(new_status),
            comments::updated_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    recount(conn, comment.article_id)?;
    Ok(true)
}

pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    let Some(comment) = find(conn, id)? else {
        return Ok(false);
    };
    lock_article(conn, comment.article_id)?;
    diesel::delete(comments::table.find(id)).execute(conn)?;
    recount(conn, comment.article_id)?;
    Ok(true)
}

#[derive(Debug, Default)]
pub struct AdminFilter {
    pub status: Option<CommentStatus>,
    pub article_id: Option<i64>,
}

fn admin_filtered(filter: &AdminFilter) -> comments::BoxedQuery<'static, MultiBackend> {
    let mut query = comments::table.into_boxed();
    if let Some(status) = filter.status {
        query = query.filter(comments::status.eq(status));
    }
    if let Some(article_id) = filter.article_id {
        query = query.filter(comments::article_id.eq(article_id));
    }
    query
}

/// A comment with its article's title and its author.
pub type AdminRow = (Comment, String, AuthorRow);

pub fn admin_list(
    conn: &mut DbConnection,
    filter: &AdminFilter,
    page: Pagination,
) -> QueryResult<(Vec<AdminRow>, i64)> {
    let total = admin_filtered(filter).count().get_result(conn)?;
    let ids: Vec<i64> = admin_filtered(filter)
        .select(comments::id)
        .order((comments::created_at.desc(), comments::id.desc()))
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)?;
    let rows = comments::table
        .inner_join(members::table)
        .inner_join(articles::table)
        .filter(comments::id.eq_any(ids))
        .order((comments::created_at.desc(), comments::id.desc()))
        .select((
            Comment::as_select(),
            articles::title,
            (members::display_name, members::kind, members::company_name),
        ))
        .load(conn)?;
    Ok((rows, total))
}

pub fn banned_words(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    let stored: Option<String> = settings::table
        .find(BANNED_WORDS)
        .select(settings::value)
        .first(conn)
        .optional()?;
    Ok(super::moderation::parse_banned_words(
        &stored.unwrap_or_default(),
    ))
}

pub fn set_banned_words(conn: &mut DbConnection, words: &[String]) -> QueryResult<()> {
    let value = words.join("\n");
    let updated = diesel::update(settings::table.find(BANNED_WORDS))
        .set(settings::value.eq(&value))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(settings::table)
            .values((settings::name.eq(BANNED_WORDS), settings::value.eq(&value)))
            .execute(conn)?;
    }
    Ok(())
}

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::captchas;
use crate::db::DbConnection;

pub fn insert(
    conn: &mut DbConnection,
    id: &str,
    answer_hash: &str,
    client_hash: &str,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    // Expired captchas are swept as new ones are made, so the table stays small.
    diesel::delete(captchas::table.filter(captchas::expires_at.lt(chrono::Utc::now().naive_utc())))
        .execute(conn)?;
    diesel::insert_into(captchas::table)
        .values((
            captchas::id.eq(id),
            captchas::answer_hash.eq(answer_hash),
            captchas::client_hash.eq(client_hash),
            captchas::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Consumes the captcha whatever the answer; true only when it existed, was unexpired, was asked for
/// by this client and the answer matches. Of two concurrent attempts, only the one that deletes it wins.
pub fn consume(
    conn: &mut DbConnection,
    id: &str,
    answer: &str,
    client_hash: &str,
) -> QueryResult<bool> {
    let row: Option<(String, String, NaiveDateTime)> = captchas::table
        .find(id)
        .select((
            captchas::answer_hash,
            captchas::client_hash,
            captchas::expires_at,
        ))
        .first(conn)
        .optional()?;
    let Some((stored_answer, stored_client, expires_at)) = row else {
        return Ok(false);
    };
    let deleted = diesel::delete(captchas::table.find(id)).execute(conn)?;
    Ok(deleted == 1
        && expires_at > chrono::Utc::now().naive_utc()
        && stored_client == client_hash
        && stored_answer == super::answer_hash(id, answer))
}

/// Uses up a captcha without checking it: an attempt that failed for another reason still spends it.
pub fn discard(conn: &mut DbConnection, id: &str) -> QueryResult<()> {
    diesel::delete(captchas::table.find(id)).execute(conn)?;
    Ok(())
}

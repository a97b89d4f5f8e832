//! Refresh tokens (one family per login, rotated on every use) and the login failures that lock an
//! account for a while. Ending every session of a member is `auth::queries::end_all_sessions`:
//! members' own operations need it too, and they sit below sessions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::queries::token_hash;
use crate::db::schema::{login_failures, refresh_tokens};
use crate::db::DbConnection;

/// Refresh tokens live 30 days and are rotated on every use.
pub const REFRESH_TOKEN_DAYS: i64 = 30;
/// Failed logins for one account within this window lock it.
pub const LOCKOUT_WINDOW_MINUTES: i64 = 15;
pub const LOCKOUT_FAILURES: i64 = 5;

/// A fresh random token (256 bits), in a family (a login) that rotation keeps.
pub fn issue_refresh_token(
    conn: &mut DbConnection,
    member_id: i64,
    family: &str,
) -> QueryResult<String> {
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let now = chrono::Utc::now().naive_utc();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::member_id.eq(member_id),
            refresh_tokens::family.eq(family),
            refresh_tokens::token_hash.eq(token_hash(&token)),
            refresh_tokens::expires_at.eq(now + chrono::Duration::days(REFRESH_TOKEN_DAYS)),
            refresh_tokens::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(token)
}

/// id, member, family, expiry, used, revoked.
type RefreshRow = (
    i64,
    i64,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

pub enum Rotation {
    /// The token was current: here is the member and the new token.
    Rotated { member_id: i64, token: String },
    /// Unknown, expired or revoked.
    Invalid,
    /// A token that was already rotated came back: its whole family is now revoked.
    Reused,
}

/// Call inside a write transaction (`Database::write`): the read and the claim belong together.
pub fn rotate(conn: &mut DbConnection, presented: &str) -> QueryResult<Rotation> {
    {
        let now = chrono::Utc::now().naive_utc();
        let row: Option<RefreshRow> = refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(token_hash(presented)))
            .select((
                refresh_tokens::id,
                refresh_tokens::member_id,
                refresh_tokens::family,
                refresh_tokens::expires_at,
                refresh_tokens::used_at,
                refresh_tokens::revoked_at,
            ))
            .first(conn)
            .optional()?;
        let Some((id, member_id, family, expires_at, used_at, revoked_at)) = row else {
            return Ok(Rotation::Invalid);
        };
        if revoked_at.is_some() || expires_at <= now {
            return Ok(Rotation::Invalid);
        }
        // Only one of two concurrent uses can mark it used.
        let claimed = diesel::update(
            refresh_tokens::table
                .find(id)
                .filter(refresh_tokens::used_at.is_null()),
        )
        .set(refresh_tokens::used_at.eq(now))
        .execute(conn)?;
        if used_at.is_some() || claimed == 0 {
            revoke_family(conn, &family)?;
            return Ok(Rotation::Reused);
        }
        let token = issue_refresh_token(conn, member_id, &family)?;
        Ok(Rotation::Rotated { member_id, token })
    }
}

pub fn revoke_family(conn: &mut DbConnection, family: &str) -> QueryResult<()> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family.eq(family))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(chrono::Utc::now().naive_utc()))
    .execute(conn)?;
    Ok(())
}

/// Revokes the family of the presented token (logout of this session).
pub fn revoke_by_token(conn: &mut DbConnection, presented: &str) -> QueryResult<()> {
    let family: Option<String> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash(presented)))
        .select(refresh_tokens::family)
        .first(conn)
        .optional()?;
    if let Some(family) = family {
        revoke_family(conn, &family)?;
    }
    Ok(())
}

pub fn recent_failures(
    conn: &mut DbConnection,
    username_key: &str,
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    let since = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(LOCKOUT_WINDOW_MINUTES);
    let (count, oldest): (i64, Option<NaiveDateTime>) = login_failures::table
        .filter(login_failures::username_key.eq(username_key))
        .filter(login_failures::failed_at.gt(since))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(login_failures::failed_at),
        ))
        .first(conn)?;
    Ok((count, oldest))
}

pub fn record_failure(conn: &mut DbConnection, username_key: &str) -> QueryResult<()> {
    let now = chrono::Utc::now().naive_utc();
    diesel::delete(
        login_failures::table.filter(login_failures::failed_at.lt(now - chrono::Duration::days(1))),
    )
    .execute(conn)?;
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::username_key.eq(username_key),
            login_failures::failed_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

//! What the extractors read to know who calls (a member's standing, an API token's grant), and the
//! one write that ends every credential of a member. Narrow on purpose: `auth` reads the members'
//! and tokens' tables itself rather than through those features, which sit above it.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest as _, Sha256};

use super::identity::{MemberKind, MemberRole, MemberStatus};
use crate::db::schema::{api_tokens, members, refresh_tokens};
use crate::db::DbConnection;
use crate::hex::hex;

/// API tokens start with this, so a leaked one is easy to recognise (and to scan for).
pub const TOKEN_PREFIX: &str = "kw_";
/// `last_used_at` is written at most this often per token: reads stay reads.
const LAST_USED_RESOLUTION_SECS: i64 = 60;

/// How refresh and API tokens are stored: only their SHA-256, so the table leaks no secret.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes())[..])
}

/// Who a member is to the extractors: what they may do and whether their token is current.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = members)]
pub struct Standing {
    pub id: i64,
    pub username: String,
    pub role: MemberRole,
    pub kind: MemberKind,
    pub status: MemberStatus,
    pub token_version: i32,
}

pub fn standing(conn: &mut DbConnection, member_id: i64) -> QueryResult<Option<Standing>> {
    members::table
        .find(member_id)
        .select(Standing::as_select())
        .first(conn)
        .optional()
}

/// What an unexpired API token grants: its owner and its scopes as stored.
pub struct Grant {
    pub member_id: i64,
    pub scopes: String,
}

/// id, member, scopes, expiry, last used.
type ApiTokenRow = (
    i64,
    i64,
    String,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

/// The unexpired API token with this secret, noting its use.
pub fn api_token_grant(conn: &mut DbConnection, token: &str) -> QueryResult<Option<Grant>> {
    let now = chrono::Utc::now().naive_utc();
    let row: Option<ApiTokenRow> = api_tokens::table
        .filter(api_tokens::token_hash.eq(token_hash(token)))
        .select((
            api_tokens::id,
            api_tokens::member_id,
            api_tokens::scopes,
            api_tokens::expires_at,
            api_tokens::last_used_at,
        ))
        .first(conn)
        .optional()?;
    let Some((id, member_id, scopes, expires_at, last_used_at)) = row else {
        return Ok(None);
    };
    if expires_at.is_some_and(|at| at <= now) {
        return Ok(None);
    }
    let stale = last_used_at.is_none_or(|at| (now - at).num_seconds() >= LAST_USED_RESOLUTION_SECS);
    if stale {
        diesel::update(api_tokens::table.filter(api_tokens::id.eq(id)))
            .set(api_tokens::last_used_at.eq(now))
            .execute(conn)?;
    }
    Ok(Some(Grant { member_id, scopes }))
}

/// Ends every session of a member: refresh tokens revoked, access tokens outdated by the version
/// (the extractors compare it). Logout-all, a password change and an admin's change of status or
/// role all end with this.
pub fn end_all_sessions(conn: &mut DbConnection, member_id: i64) -> QueryResult<()> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::member_id.eq(member_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(chrono::Utc::now().naive_utc()))
    .execute(conn)?;
    diesel::update(members::table.find(member_id))
        .set(members::token_version.eq(members::token_version + 1))
        .execute(conn)?;
    Ok(())
}

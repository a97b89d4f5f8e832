//! The member's own API tokens: create, list, delete. Checking a presented token is
//! `auth::queries::api_token_grant`, below every feature.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::ApiToken;
use crate::auth::queries::{token_hash, TOKEN_PREFIX};
use crate::db::schema::api_tokens;
use crate::db::DbConnection;

/// A new token (256 random bits) for the member; returns the row and the token, which is shown once.
pub fn create(
    conn: &mut DbConnection,
    member_id: i64,
    name: &str,
    scopes: &str,
    expires_at: Option<NaiveDateTime>,
) -> QueryResult<(ApiToken, String)> {
    let token = format!(
        "{TOKEN_PREFIX}{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let now = chrono::Utc::now().naive_utc();
    diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::member_id.eq(member_id),
            api_tokens::name.eq(name),
            api_tokens::scopes.eq(scopes),
            api_tokens::token_hash.eq(token_hash(&token)),
            api_tokens::expires_at.eq(expires_at),
            api_tokens::created_at.eq(now),
        ))
        .execute(conn)?;
    let row = api_tokens::table
        .filter(api_tokens::token_hash.eq(token_hash(&token)))
        .select(ApiToken::as_select())
        .first(conn)?;
    Ok((row, token))
}

pub fn list_for(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<ApiToken>> {
    api_tokens::table
        .filter(api_tokens::member_id.eq(member_id))
        .order(api_tokens::id.asc())
        .select(ApiToken::as_select())
        .load(conn)
}

/// Deletes one of the member's tokens; false when they have no such token.
pub fn delete_own(
    conn: &mut DbConnection,
    member_id: i64,
    id: i64,
) -> QueryResult<Option<ApiToken>> {
    let found = api_tokens::table
        .filter(api_tokens::id.eq(id))
        .filter(api_tokens::member_id.eq(member_id))
        .select(ApiToken::as_select())
        .first(conn)
        .optional()?;
    if found.is_some() {
        diesel::delete(api_tokens::table.filter(api_tokens::id.eq(id))).execute(conn)?;
    }
    Ok(found)
}

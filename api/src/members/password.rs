//! A member's change of their own password: the current one must be right, the new one strong
//! enough; then every session of theirs ends (they sign in again with the new password).

use super::queries;
use crate::auth::queries::end_all_sessions;
use crate::auth::PasswordHasher;
use crate::db::Database;
use crate::domain::NewPassword;
use crate::error::ApiError;

pub async fn change_password(
    db: &Database,
    hasher: &PasswordHasher,
    member_id: i64,
    current_password: String,
    new_password: String,
) -> Result<(), ApiError> {
    let member = db
        .run(move |conn| Ok(queries::find(conn, member_id)?))
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let new_password = NewPassword::parse(&new_password, Some(&member.username))
        .map_err(|invalid| ApiError::validation("new_password", invalid.code, invalid.message))?;
    let stored = member.password_hash;
    let new_hash = hasher
        .run(move |hasher| {
            if !hasher.verify(&current_password, &stored) {
                return Ok(None);
            }
            hasher.hash(&new_password).map(Some)
        })
        .await?
        .map_err(ApiError::internal)?
        .ok_or_else(|| {
            ApiError::validation("current_password", "wrong", "the current password is wrong")
        })?;
    db.write(move |conn| {
        queries::set_password_hash(conn, member_id, &new_hash)?;
        Ok(end_all_sessions(conn, member_id)?)
    })
    .await
}

//! The steps of opening and renewing a session, below the HTTP layer: each returns the member and
//! the new refresh token (the handlers turn those into the access token and the cookie).

use super::queries::{self, Rotation, LOCKOUT_FAILURES, LOCKOUT_WINDOW_MINUTES};
use crate::auth::{MemberStatus, PasswordHasher};
use crate::db::Database;
use crate::domain::Username;
use crate::error::ApiError;
use crate::members::model::{Member, NewMember};
use crate::members::queries as member_queries;

/// A new family of refresh tokens: one per sign-in, kept by every rotation.
fn new_family() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Checks a username and password: an account with too many recent failures is locked (429 with
/// how long), a wrong name and a wrong password are the same 401, a disabled account is 403.
pub async fn log_in(
    db: &Database,
    hasher: &PasswordHasher,
    username: String,
    password: String,
) -> Result<(Member, String), ApiError> {
    let key = Username::key_of(&username);
    // No username holds a NUL (registration refuses control characters), and PostgreSQL text cannot
    // hold one either: such a name is wrong like any unknown name, without asking the database.
    let possible = !key.contains('\0');

    let lookup_key = key.clone();
    let (failures, member) = if possible {
        db.run(move |conn| {
            let failures = queries::recent_failures(conn, &lookup_key)?;
            Ok((
                failures,
                member_queries::find_by_username_key(conn, &lookup_key)?,
            ))
        })
        .await?
    } else {
        ((0, None), None)
    };
    if let (count, Some(oldest)) = failures {
        if count >= LOCKOUT_FAILURES {
            let unlock = oldest + chrono::Duration::minutes(LOCKOUT_WINDOW_MINUTES);
            let retry_after = (unlock - chrono::Utc::now().naive_utc())
                .num_seconds()
                .max(1) as u64;
            return Err(ApiError::TooManyRequests { retry_after });
        }
    }

    let stored_hash = member.as_ref().map(|m| m.password_hash.clone());
    let password_matches = hasher
        .run(move |verifier| match stored_hash {
            Some(hash) => verifier.verify(&password, &hash),
            None => {
                verifier.verify_dummy(&password);
                false
            }
        })
        .await?;
    let member = match member {
        Some(member) if password_matches => member,
        _ => {
            if possible {
                db.write(move |conn| Ok(queries::record_failure(conn, &key)?))
                    .await?;
            }
            return Err(ApiError::InvalidCredentials);
        }
    };
    if member.status == MemberStatus::Disabled {
        return Err(ApiError::forbidden(
            "account_disabled",
            "this account is disabled",
        ));
    }
    let member_id = member.id;
    let refresh_token = db
        .write(move |conn| {
            Ok(queries::issue_refresh_token(
                conn,
                member_id,
                &new_family(),
            )?)
        })
        .await?;
    Ok((member, refresh_token))
}

/// Stores a registered member (`members::registration::accept`) with their first session, in one
/// transaction: a registration either signs in or leaves nothing behind.
pub async fn sign_up(db: &Database, member: NewMember) -> Result<(Member, String), ApiError> {
    db.write(move |conn| {
        let member = member_queries::insert(conn, member)?;
        let token = queries::issue_refresh_token(conn, member.id, &new_family())?;
        Ok((member, token))
    })
    .await
}

/// Rotates a refresh token; `None` when it is unknown, expired, revoked or reused, or its member
/// is gone or disabled.
pub async fn renew(db: &Database, presented: String) -> Result<Option<(Member, String)>, ApiError> {
    let outcome = db
        .write(move |conn| {
            Ok(match queries::rotate(conn, &presented)? {
                Rotation::Rotated { member_id, token } => {
                    member_queries::find(conn, member_id)?.map(|m| (m, token))
                }
                Rotation::Invalid | Rotation::Reused => None,
            })
        })
        .await?;
    Ok(outcome.filter(|(member, _)| member.status != MemberStatus::Disabled))
}

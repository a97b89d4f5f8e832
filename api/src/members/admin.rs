//! Bootstrapping the first admin from the command line.

use super::model::{kind, role, status, Member, NewMember};
use super::queries;
use crate::auth::PasswordHasher;
use crate::db::DbConnection;
use crate::domain::{parse_text, NewPassword, Username};
use crate::error::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("username: {0}")]
    Username(String),
    #[error("password: {0}")]
    Password(String),
    #[error("display name: {0}")]
    DisplayName(String),
    #[error("{0}")]
    Store(String),
}

pub fn create_admin(
    conn: &mut DbConnection,
    hasher: &PasswordHasher,
    username: &str,
    display_name: Option<&str>,
    password: &str,
) -> Result<Member, CreateAdminError> {
    let username = Username::parse(username).map_err(|e| CreateAdminError::Username(e.message))?;
    let password = NewPassword::parse(password, Some(username.as_str()))
        .map_err(|e| CreateAdminError::Password(e.message))?;
    let display_name = match display_name {
        Some(name) => parse_text(name, 50).map_err(|e| CreateAdminError::DisplayName(e.message))?,
        None => username.as_str().to_owned(),
    };
    let hash = hasher
        .hash(&password)
        .map_err(|e| CreateAdminError::Store(e.to_string()))?;
    let now = chrono::Utc::now().naive_utc();
    queries::insert(
        conn,
        NewMember {
            username: username.as_str().to_owned(),
            username_key: username.key().to_owned(),
            display_name,
            kind: kind::PERSONAL.into(),
            role: role::ADMIN.into(),
            status: status::ACTIVE.into(),
            password_hash: hash,
            created_at: now,
            updated_at: now,
            ..NewMember::default()
        },
    )
    .map_err(|e| match e {
        ApiError::Conflict { detail, .. } => CreateAdminError::Store(detail),
        other => CreateAdminError::Store(other.to_string()),
    })
}

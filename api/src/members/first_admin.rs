//! `kanwu create-admin`: the first admin, made from the command line (no one can grant the role
//! before there is an admin).

use super::model::{Member, NewMember};
use super::queries;
use crate::auth::PasswordHasher;
use crate::auth::{MemberKind, MemberRole, MemberStatus};
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
    queries::insert(
        conn,
        NewMember::new(
            &username,
            display_name,
            MemberKind::Personal,
            MemberRole::Admin,
            MemberStatus::Active,
            hash,
        ),
    )
    .map_err(|e| match e {
        ApiError::Conflict { detail, .. } => CreateAdminError::Store(detail),
        other => CreateAdminError::Store(other.to_string()),
    })
}

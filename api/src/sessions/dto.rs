//! The wire types of signing in: the login request and the session every sign-in answers with.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::members::dto::MemberResponse;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "zhouhui")]
    pub username: String,
    #[schema(example = "a-long-secret-passphrase", format = Password)]
    pub password: String,
}

/// A signed-in session: the access token, plus the refresh token in an HttpOnly cookie.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    /// A JWT for `Authorization: Bearer …`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires (renew it with `POST /api/v1/auth/refresh`).
    #[schema(example = 900)]
    pub expires_in: i64,
    pub member: MemberResponse,
}

//! The wire types of signing in: the login request and the session every sign-in answers with.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::members::dto::MemberResponse;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "username": "zhouhui",
    "password": "a-long-secret-passphrase"
}))]
pub struct LoginRequest {
    #[schema(example = "zhouhui")]
    pub username: String,
    #[schema(example = "a-long-secret-passphrase", format = Password)]
    pub password: String,
}

/// A signed-in session: the access token, plus the refresh token in an HttpOnly cookie.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3IiwidmVyIjoxLCJleHAiOjE3MTg2ODA0MDB9.kqN0b8CkmYpG0vX3dJfQ1sQ4xq2m3eEJcVb8o9gQz1A",
    "token_type": "Bearer",
    "expires_in": 900,
    "member": {
        "id": 7,
        "username": "zhouhui",
        "display_name": "周秘书",
        "kind": "personal",
        "role": "member",
        "status": "active",
        "email": "zhouhui@example.com",
        "phone": null,
        "real_name": "周辉",
        "organisation": "溆浦县委办公室",
        "position": "秘书科科长",
        "company_name": null,
        "credit_code": null,
        "contact_person": null,
        "contact_phone": null,
        "address": null,
        "website": null,
        "industry": null,
        "introduction": null,
        "created_at": "2024-03-02T09:15:00Z"
    }
}))]
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

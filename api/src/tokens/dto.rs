use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::ApiToken;
use crate::auth::Scope;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "发布脚本",
    "scopes": [
        "articles:write",
        "media:write"
    ],
    "expires_at": "2030-01-01T00:00:00Z"
}))]
pub struct CreateTokenRequest {
    /// What the token is for, such as `nightly export`.
    #[schema(example = "发布脚本")]
    pub name: String,
    /// At most what the owner's role allows: editors `articles:write`, `categories:write`,
    /// `media:write`, `comments:moderate`; admins also `members:admin` and `audit:read`.
    /// An empty list makes a read-only token.
    pub scopes: Vec<Scope>,
    /// When it stops working; never when absent.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A token as listed: never the secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<ApiToken> for TokenResponse {
    fn from(t: ApiToken) -> Self {
        TokenResponse {
            id: t.id,
            scopes: Scope::parse_list(&t.scopes),
            name: t.name,
            expires_at: t.expires_at.map(|at| at.and_utc()),
            last_used_at: t.last_used_at.map(|at| at.and_utc()),
            created_at: t.created_at.and_utc(),
        }
    }
}

/// A new token: the secret is in `token`, shown this once.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 3,
    "name": "发布脚本",
    "scopes": [
        "articles:write",
        "media:write"
    ],
    "expires_at": "2030-01-01T00:00:00Z",
    "token": "kw_3f1c9a7e5b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e"
}))]
pub struct CreatedTokenResponse {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub expires_at: Option<DateTime<Utc>>,
    /// `kw_` then 64 hex digits. Send it as `Authorization: Bearer …`; it cannot be shown again.
    #[schema(example = "kw_3f1c…")]
    pub token: String,
}

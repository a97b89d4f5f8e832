//! What an API token may do, on top of what its owner's role allows. The extractors check it
//! ([`super::Staff::require`]); the `tokens` feature hands scopes out.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a token may do, on top of what its owner's role allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Scope {
    #[serde(rename = "articles:write")]
    ArticlesWrite,
    #[serde(rename = "categories:write")]
    CategoriesWrite,
    #[serde(rename = "media:write")]
    MediaWrite,
    #[serde(rename = "comments:moderate")]
    CommentsModerate,
    #[serde(rename = "members:admin")]
    MembersAdmin,
    #[serde(rename = "audit:read")]
    AuditRead,
}

impl Scope {
    pub const ALL: [Scope; 6] = [
        Scope::ArticlesWrite,
        Scope::CategoriesWrite,
        Scope::MediaWrite,
        Scope::CommentsModerate,
        Scope::MembersAdmin,
        Scope::AuditRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ArticlesWrite => "articles:write",
            Scope::CategoriesWrite => "categories:write",
            Scope::MediaWrite => "media:write",
            Scope::CommentsModerate => "comments:moderate",
            Scope::MembersAdmin => "members:admin",
            Scope::AuditRead => "audit:read",
        }
    }

    pub fn parse(raw: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Scopes as stored: space-separated, unknown words (from a newer version) ignored.
    pub fn parse_list(stored: &str) -> Vec<Scope> {
        stored.split_whitespace().filter_map(Scope::parse).collect()
    }

    pub fn join(scopes: &[Scope]) -> String {
        scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

//! Identity, below every feature: password hashing, JWT access tokens, a member's kind, role and
//! status, API-token scopes, the extractors that give a handler its caller (checked against the
//! database on every request), and the rate limits that protect sign-in. Signing in and out over
//! HTTP is the `sessions` feature; `auth` imports no feature.

pub mod extractors;
pub mod identity;
pub mod jwt;
pub mod passwords;
pub mod queries;
pub mod rate_limit;
pub mod scope;

pub use extractors::{Admin, Caller, SignedIn, Staff};
pub use identity::{MemberKind, MemberRole, MemberStatus};
pub use jwt::{Claims, TokenKeys};
pub use passwords::PasswordHasher;
pub use scope::Scope;

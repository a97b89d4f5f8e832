//! Authentication: password hashing, JWT access tokens, refresh-token sessions, the extractors that
//! give a handler its caller, and the rate limits that protect them.

pub mod dto;
pub mod extractors;
pub mod handlers;
pub mod jwt;
pub mod passwords;
pub mod queries;
pub mod rate_limit;
pub mod scope;

pub use extractors::{Admin, Caller, SignedIn, Staff};
pub use jwt::{Claims, TokenKeys};
pub use passwords::PasswordHasher;
pub use scope::Scope;

//! API tokens for scripts (`kw_…`): created by a member for themselves, sent as a bearer token like
//! a JWT, and limited to their scopes as well as their owner's role.

pub mod dto;
pub mod handlers;
pub mod model;
pub mod queries;

// Scopes are checked by the extractors, below every feature; the name stays here too, where
// tokens hand them out.
pub use crate::auth::Scope;

//! The audit log: every write by an editor or admin, with actor, action, target, time and a short
//! summary, recorded in the same transaction as the write it describes.

pub mod dto;
pub mod handlers;
pub mod model;
pub mod queries;

pub use queries::{record, Entry};

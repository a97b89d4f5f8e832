//! Comments: members comment on articles with a captcha; moderation by editors; the latest comments.

pub mod dto;
pub mod handlers;
pub mod model;
pub mod moderation;
pub mod queries;

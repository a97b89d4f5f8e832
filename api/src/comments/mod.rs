//! Comments: members comment on articles with a captcha; moderation by editors; the latest comments.
//! `handlers/` is the HTTP (readers', members', moderators'); `reading`, `posting` and `review` are
//! the operations it calls; `moderation` decides which new comments wait for a moderator.

pub mod dto;
pub mod handlers;
pub mod model;
pub mod moderation;
pub mod posting;
pub mod queries;
pub mod reading;
pub mod review;

//! Articles: the public lists and the article page, with Markdown rendered to sanitised HTML.

pub mod admin;
pub mod cache;
pub mod dto;
pub mod handlers;
pub mod model;
pub mod page;
pub mod queries;
pub mod related;
pub mod render;

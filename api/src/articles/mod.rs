//! Articles: the public lists and the article page (`handlers`), the editors' endpoints
//! (`editorial`) over their operations (`editing`), with Markdown rendered to sanitised HTML.

pub mod cache;
pub mod cursor;
pub mod dto;
pub mod editing;
pub mod editor_page;
pub mod editorial;
pub mod handlers;
pub mod input;
pub mod listing;
pub mod model;
pub mod page;
pub mod queries;
pub mod reading;
pub mod related;
pub mod render;
pub mod visibility;

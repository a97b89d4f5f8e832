//! The site itself: its name and description (当代秘书), shown in every page's header.

pub mod dto;
pub mod handlers;
pub mod model;
pub mod queries;

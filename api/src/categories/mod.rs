//! Categories (栏目): a tree of sections such as 特稿 and 活动竞赛, each listing its articles.

pub mod admin;
pub mod dto;
pub mod handlers;
pub mod model;
pub mod queries;

//! Categories (栏目): a tree of sections such as 特稿 and 活动竞赛, each listing its articles.
//! `handlers/` is the HTTP (readers', editors'); `editing` the editors' operations it calls.

pub mod cache;
pub mod dto;
pub mod editing;
pub mod handlers;
pub mod model;
pub mod queries;
pub mod reading;

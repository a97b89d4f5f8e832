//! Search over published articles, in Chinese as in Latin scripts: the terms (`terms`), the index
//! and the query (`queries`), the marked-up snippets (`snippet`) and the endpoint (`handlers`).

pub mod cache;
pub mod dto;
pub mod handlers;
pub mod queries;
pub mod searching;
pub mod snippet;
pub mod terms;

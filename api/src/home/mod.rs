//! The home page in one response: each top-level category with its latest titles, the featured list
//! and the week's most viewed. A fixed number of queries, however many categories there are.

pub mod cache;
pub mod dto;
pub mod handlers;
pub mod queries;
pub mod reading;

//! Newtypes that parse request input once, at the edge, into values the rest of the code can trust.

mod page;

pub use page::Pagination;

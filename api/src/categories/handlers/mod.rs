//! HTTP for categories: what readers see, and editors' changes.

pub mod editors;
pub mod readers;

//! Uploaded images: recognised from their bytes (PNG, JPEG, WebP, GIF), at most 5 MB, stored under
//! the data folder by content hash and served at `/media/<sha256>.<ext>` with a year's cache
//! lifetime (the name changes whenever the bytes do).

pub mod dto;
pub mod handlers;
pub mod model;
pub mod queries;
pub mod store;

//! Kanwu (刊物): a content system for magazines and professional associations.
//!
//! The binary in `main.rs` only parses its command line; everything else lives here so the system
//! tests can start the real application in-process.

pub mod articles;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod captcha;
pub mod categories;
pub mod client;
pub mod client_address;
pub mod comments;
pub mod config;
pub mod db;
pub mod demo;
pub mod discovery;
pub mod domain;
pub mod error;
pub mod frontend;
pub mod health;
pub mod hex;
pub mod home;
pub mod http_cache;
pub mod large_json;
pub mod media;
pub mod members;
pub mod metrics;
pub mod openapi;
pub mod pages;
pub mod paging;
pub mod public_url;
pub mod raw_sql;
pub mod routes;
pub mod search;
pub mod sessions;
pub mod site;
pub mod site_time;
pub mod startup;
pub mod state;
pub mod swr;
pub mod telemetry;
pub mod tokens;
pub mod views;

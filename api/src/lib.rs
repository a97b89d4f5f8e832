//! Kanwu (刊物): a content system for magazines and professional associations.
//!
//! The binary in `main.rs` only parses its command line; everything else lives here so the system
//! tests can start the real application in-process.

pub mod config;
pub mod db;
pub mod error;
pub mod frontend;
pub mod health;
pub mod openapi;
pub mod routes;
pub mod site;
pub mod startup;
pub mod telemetry;

//! Sessions: signing in (login, with a per-account lockout), renewing the access token with the
//! rotating refresh cookie, signing out of one session or all, and registration's answer — a new
//! member is signed in at once. Above `members` (whose rows and wire types a session shows) and
//! `auth` (tokens, passwords, extractors).

pub mod dto;
pub mod handlers;
pub mod queries;
pub mod service;

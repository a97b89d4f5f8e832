//! Server-rendered reader pages: `/`, `/c/{slug}`, `/a/{id}`, `/search` and the 404 page arrive as
//! complete HTML (for search engines, link previews, readers without JavaScript), rendered from the
//! same responses and caches as the JSON API, with those responses embedded as a data island so
//! the SPA takes over without asking again. `docs/ARCHITECTURE.md` says how the pieces fit.

mod article;
pub mod cache;
mod frame;
mod gzip;
pub mod handlers;
mod head;
mod island;
mod lists;
pub mod prepared;
mod respond;
mod search;
mod views;

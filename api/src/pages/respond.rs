//! The headers every server-rendered page goes out with: HTML, a Content-Security-Policy whose
//! only script exception is this response's nonce, and `X-Robots-Tag` where a page is not to be
//! indexed.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use base64::Engine as _;

/// Pages change with every comment and count: browsers ask again each time (they are served from
/// memory).
const REVALIDATE: &str = "no-cache";

/// A fresh nonce for one response.
pub fn nonce() -> String {
    base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 16]>())
}

/// The policy for a page whose island carries `nonce`: scripts from this origin only (the SPA's
/// bundle) and the nonce'd data island; styles may be inline (React sets style attributes).
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: https: http:; connect-src 'self'; font-src 'self' data:; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Whether search engines may index the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexing {
    Index,
    NoIndex,
}

pub fn html(status: StatusCode, body: Bytes, nonce: &str, indexing: Indexing) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response
        .insert_header((header::CACHE_CONTROL, REVALIDATE))
        // In place of the default policy; `startup::security_headers` adds the other headers.
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            content_security_policy(nonce),
        ))
        .content_type("text/html; charset=utf-8");
    if indexing == Indexing::NoIndex {
        response.insert_header(("X-Robots-Tag", HeaderValue::from_static("noindex")));
    }
    response.body(body)
}

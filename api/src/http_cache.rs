//! ETags and conditional GETs of the public reads (articles, feeds, sitemaps, link previews).

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

/// A strong ETag of a body: its hash and its length.
pub fn etag_of(body: &[u8]) -> String {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"{:016x}{:08x}\"", hasher.finish(), body.len())
}

/// Whether `If-None-Match` names `etag` (weakly compared, as RFC 9110 says for this header), or `*`.
pub fn if_none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v: &HeaderValue| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|candidate| candidate.trim().trim_start_matches("W/"))
        .any(|candidate| candidate == etag || candidate == "*")
}

/// 200 with `body`, or 304 when the client holds `etag`; both carry the ETag and `cache_control`.
pub fn respond(
    req: &HttpRequest,
    etag: String,
    cache_control: &'static str,
    content_type: &'static str,
    body: Bytes,
) -> HttpResponse {
    let unchanged = if_none_match(req, &etag);
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache_control));
    if unchanged {
        return response.finish();
    }
    response.content_type(content_type).body(body)
}

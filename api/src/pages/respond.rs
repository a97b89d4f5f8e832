//! The headers every server-rendered page goes out with: HTML, a Content-Security-Policy whose
//! only script exception is this response's nonce, and `X-Robots-Tag` where a page is not to be
//! indexed.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
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

/// How a page's body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    /// Made from the page's cached gzip copy, so the `Compress` middleware leaves it alone.
    Gzip,
}

/// Whether `Accept-Encoding` takes gzip: a token `gzip`, `x-gzip` or `*` whose `q` is not zero.
/// Read here rather than by the typed header, which builds sets and vectors for every request of
/// the hottest route.
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    let Some(accepted) = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    // The q of the item naming gzip, else of `*`; absent or unreadable is 1.
    let (mut gzip, mut any) = (None, None);
    for item in accepted.split(',') {
        let mut pieces = item.split(';');
        let coding = pieces.next().unwrap_or("").trim();
        let q = pieces
            .filter_map(|parameter| {
                let parameter = parameter.trim();
                let value = parameter
                    .strip_prefix("q=")
                    .or(parameter.strip_prefix("Q="))?;
                value.trim().parse::<f32>().ok()
            })
            .next()
            .unwrap_or(1.0);
        if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            gzip = Some(q);
        } else if coding == "*" {
            any = Some(q);
        }
    }
    gzip.or(any).is_some_and(|q| q > 0.0)
}

pub fn html(status: StatusCode, body: Bytes, nonce: &str, indexing: Indexing) -> HttpResponse {
    encoded_html(status, body, Encoding::Identity, nonce, indexing)
}

pub fn encoded_html(
    status: StatusCode,
    body: Bytes,
    encoding: Encoding,
    nonce: &str,
    indexing: Indexing,
) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response
        .insert_header((header::CACHE_CONTROL, REVALIDATE))
        // Each page comes encoded or not by the request's Accept-Encoding.
        .insert_header((header::VARY, HeaderValue::from_static("accept-encoding")))
        // In place of the default policy; `startup::security_headers` adds the other headers.
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            content_security_policy(nonce),
        ))
        .content_type("text/html; charset=utf-8");
    if encoding == Encoding::Gzip {
        response.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")));
    }
    if indexing == Indexing::NoIndex {
        response.insert_header(("X-Robots-Tag", HeaderValue::from_static("noindex")));
    }
    response.body(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn accepts(value: &str) -> bool {
        accepts_gzip(
            &TestRequest::default()
                .insert_header((header::ACCEPT_ENCODING, value))
                .to_http_request(),
        )
    }

    #[test]
    fn gzip_is_taken_where_a_browser_or_crawler_asks_for_it() {
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("br;q=1.0, gzip;q=0.8, *;q=0.1"));
        assert!(accepts("GZIP"));
        assert!(accepts("*"));
        assert!(!accepts("br, zstd"));
        assert!(!accepts("gzip;q=0, br"));
        assert!(!accepts("gzip;q=0, *"));
        assert!(accepts("br, *;q=0.5"));
        assert!(!accepts("identity"));
        assert!(!accepts_gzip(&TestRequest::default().to_http_request()));
    }
}

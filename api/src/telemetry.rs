//! Logging: `tracing` to stderr as text or JSON, and the middleware that gives each request an id
//! and writes one line per request.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage as _, ResponseError as _};
use futures_util::FutureExt as _;
use tracing::Instrument as _;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;
use crate::error::ApiError;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the request being served, for handlers that want to mention it.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Installs the global subscriber; `RUST_LOG` filters (default `info`). Safe to call twice.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Tags the request with a fresh id (never trusting one sent by the client), echoes it in
/// `X-Request-Id`, logs server errors with their cause chain, and writes the access-log line.
/// The query string is never logged: it may carry secrets.
pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let request_id = uuid::Uuid::new_v4().simple().to_string();
    let method = req.method().clone();
    let path = req.path().to_owned();
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let state = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .cloned();

    let span = tracing::info_span!("request", request_id = %request_id);
    // A panic in a handler (a bug: input never panics by design) still answers a plain 500
    // problem document instead of dropping the connection, and the worker goes on.
    let mut response = match AssertUnwindSafe(next.call(req).instrument(span))
        .catch_unwind()
        .await
    {
        Ok(response) => response?.map_into_boxed_body(),
        Err(_) => {
            tracing::error!(request_id = %request_id, "the handler panicked");
            let error = ApiError::internal(anyhow::anyhow!("the handler panicked"));
            let response = error.error_response();
            // The request went down with the handler, and one cannot be cloned before routing
            // (the router needs it unshared); a stand-in with its method and path carries the
            // response out.
            let request = actix_web::test::TestRequest::default()
                .method(method.clone())
                .uri(&path)
                .to_http_request();
            ServiceResponse::new(request, response.map_into_boxed_body())
        }
    };

    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    // JSON is UTF-8 by definition, but say so: clients that guess (ASVS 4.1.1) then need not.
    let headers = response.headers_mut();
    if headers
        .get(actix_web::http::header::CONTENT_TYPE)
        .is_some_and(|v| v == "application/json")
    {
        headers.insert(
            actix_web::http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
    }
    let status = response.status().as_u16();
    if let Some(state) = state {
        // The route's pattern, so every article is one series; what matched no route, one more.
        let route = response.request().match_pattern();
        let route = route.as_deref().unwrap_or("(unmatched)");
        state
            .metrics
            .record(route, method.as_str(), status, started.elapsed());
    }
    if let Some(error) = response.response().error().filter(|_| status >= 500) {
        // An unavailable database is an operations matter, logged where it was found; a 500 is a bug.
        if status == 503 {
            tracing::warn!(request_id = %request_id, error = ?error, "request refused");
        } else {
            tracing::error!(request_id = %request_id, error = ?error, "request failed");
        }
    }
    tracing::info!(
        request_id = %request_id,
        method = %method,
        path = %path,
        status,
        elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::{test, web, App};

    use super::request_context;

    #[actix_web::test]
    async fn a_panicking_handler_answers_a_plain_500_problem_and_the_server_goes_on() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(request_context))
                .route(
                    "/boom",
                    web::get().to(|| async {
                        if true {
                            panic!("secret internal detail");
                        }
                        "unreachable"
                    }),
                )
                .route("/fine", web::get().to(|| async { "fine" })),
        )
        .await;

        let response =
            test::call_service(&app, test::TestRequest::get().uri("/boom").to_request()).await;
        assert_eq!(response.status(), 500);
        assert_eq!(
            response.headers().get("content-type").unwrap(),
            "application/problem+json"
        );
        assert!(response.headers().contains_key("x-request-id"));
        let body: serde_json::Value = test::read_body_json(response).await;
        assert_eq!(body["code"], "internal_error");
        assert!(
            !body.to_string().contains("secret"),
            "nothing internal: {body}"
        );

        let after =
            test::call_service(&app, test::TestRequest::get().uri("/fine").to_request()).await;
        assert_eq!(after.status(), 200, "the worker goes on");
    }
}

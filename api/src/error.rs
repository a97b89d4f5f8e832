//! The one error type of the API and its RFC 9457 `application/problem+json` form.
//!
//! This is the only module that knows HTTP status codes. Handlers return [`ApiError`]; the client sees a
//! stable snake_case `code`, and a 500 never carries internal text (the cause chain goes to the log,
//! with the request id, from the telemetry middleware).
//!
//! Longer than 400 lines because every error's status, code and problem document, and the tests
//! that pin them, are kept together: it is the one place a reader looks for what a client sees.

use std::fmt;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "about:blank",
    "title": "Not Found",
    "status": 404,
    "detail": "No article has id 7.",
    "code": "not_found"
}))]
pub struct Problem {
    /// A URI reference for the problem type; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// The status code's reason phrase.
    pub title: String,
    pub status: u16,
    /// A human-readable explanation of this occurrence.
    pub detail: String,
    /// Stable, machine-readable snake_case code; clients branch on this.
    pub code: String,
    /// Present on validation errors: one entry per offending field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name as sent (`title`, `body.content`); empty for the body as a whole.
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

#[derive(thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotFound(String),
    #[error("the method is not allowed here")]
    MethodNotAllowed { allow: Vec<Method> },
    /// The request could not be read: malformed JSON, a bad query string or path parameter.
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("the request body must be application/json")]
    UnsupportedMediaType,
    /// An upload whose bytes are not a PNG, JPEG, WebP or GIF image, whatever its name says.
    #[error("the file is not a PNG, JPEG, WebP or GIF image")]
    UnsupportedImage,
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    /// No valid access token: missing, malformed, expired, forged or revoked.
    #[error("sign in first: the access token is missing, invalid, expired or revoked")]
    Unauthenticated,
    /// A login that failed; the same answer whether the account exists or not.
    #[error("the username or password is wrong")]
    InvalidCredentials,
    #[error("{detail}")]
    Forbidden { code: &'static str, detail: String },
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("the captcha is wrong, expired or already used; get a new one")]
    CaptchaInvalid,
    /// `If-Match` named a version that is no longer current: someone else saved first.
    #[error("{0}")]
    PreconditionFailed(String),
    /// A change that needs `If-Match` came without it.
    #[error("send the ETag from your last GET in If-Match, so a newer save is not overwritten")]
    PreconditionRequired,
    #[error("too many requests; retry after {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    /// The database cannot be reached right now (not connected yet, or the pool timed out).
    #[error("the database is unavailable; try again shortly")]
    Unavailable,
    #[error("an internal error occurred")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        let err = err.into();
        // Whichever way a database error came here, an unavailable database is a 503.
        if let Some(database) = err.downcast_ref::<diesel::result::Error>() {
            if database_unavailable(database) {
                tracing::warn!(error = %database, "database unavailable");
                return ApiError::Unavailable;
            }
        }
        ApiError::Internal(err)
    }

    pub fn validation(field: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    }

    /// The stable code clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::BadRequest { code, .. } => code,
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::UnsupportedImage => "unsupported_image",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::Validation(_) => "validation_failed",
            ApiError::Unavailable => "service_unavailable",
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::Forbidden { code, .. } => code,
            ApiError::Conflict { code, .. } => code,
            ApiError::CaptchaInvalid => "captcha_invalid",
            ApiError::PreconditionFailed(_) => "edit_conflict",
            ApiError::PreconditionRequired => "if_match_required",
            ApiError::TooManyRequests { .. } => "rate_limited",
            ApiError::Internal(_) => "internal_error",
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            problem_type: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            detail: self.to_string(),
            code: self.code().into(),
            errors: match self {
                ApiError::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl fmt::Debug for ApiError {
    /// Debug output goes to the log only: it carries the whole cause chain.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Internal(cause) => write!(f, "internal error: {cause:#}"),
            other => write!(f, "{}: {other}", other.code()),
        }
    }
}

/// Seconds a client should wait before retrying a 503.
pub const RETRY_AFTER_UNAVAILABLE_SECS: u32 = 5;

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType | ApiError::UnsupportedImage => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unauthenticated | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::CaptchaInvalid => StatusCode::BAD_REQUEST,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response
            .insert_header((
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/problem+json"),
            ))
            .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
        match self {
            ApiError::MethodNotAllowed { allow } => {
                let allow = allow
                    .iter()
                    .map(Method::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                response.insert_header((header::ALLOW, allow));
            }
            ApiError::Unavailable => {
                response.insert_header((
                    header::RETRY_AFTER,
                    RETRY_AFTER_UNAVAILABLE_SECS.to_string(),
                ));
            }
            ApiError::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            ApiError::Unauthenticated => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            _ => {}
        }
        let body = serde_json::to_vec(&self.problem()).unwrap_or_else(|_| b"{}".to_vec());
        response.body(body)
    }
}

impl ApiError {
    /// Back from an actix error that an extractor's error handler made out of an `ApiError` (a
    /// body read after authentication, see [`crate::large_json::JsonBody`]).
    pub fn from_actix(err: actix_web::Error) -> Self {
        match err.as_error::<ApiError>() {
            Some(api) => api.duplicate(),
            None => ApiError::BadRequest {
                code: "invalid_body",
                detail: format!("the request body could not be read: {err}"),
            },
        }
    }

    pub fn duplicate(&self) -> Self {
        match self {
            ApiError::NotFound(d) => ApiError::NotFound(d.clone()),
            ApiError::MethodNotAllowed { allow } => ApiError::MethodNotAllowed {
                allow: allow.clone(),
            },
            ApiError::BadRequest { code, detail } => ApiError::BadRequest {
                code,
                detail: detail.clone(),
            },
            ApiError::UnsupportedMediaType => ApiError::UnsupportedMediaType,
            ApiError::UnsupportedImage => ApiError::UnsupportedImage,
            ApiError::PayloadTooLarge { limit } => ApiError::PayloadTooLarge { limit: *limit },
            ApiError::Validation(errors) => ApiError::Validation(errors.clone()),
            ApiError::Unauthenticated => ApiError::Unauthenticated,
            ApiError::InvalidCredentials => ApiError::InvalidCredentials,
            ApiError::Forbidden { code, detail } => ApiError::Forbidden {
                code,
                detail: detail.clone(),
            },
            ApiError::Conflict { code, detail } => ApiError::Conflict {
                code,
                detail: detail.clone(),
            },
            ApiError::CaptchaInvalid => ApiError::CaptchaInvalid,
            ApiError::PreconditionFailed(d) => ApiError::PreconditionFailed(d.clone()),
            ApiError::PreconditionRequired => ApiError::PreconditionRequired,
            ApiError::TooManyRequests { retry_after } => ApiError::TooManyRequests {
                retry_after: *retry_after,
            },
            ApiError::Unavailable => ApiError::Unavailable,
            ApiError::Internal(cause) => ApiError::internal(anyhow::anyhow!("{cause:#}")),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError::internal(anyhow::anyhow!("blocking task failed: {err}"))
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        ApiError::internal(err)
    }
}

impl ApiError {
    /// A failed file write (media): a full or read-only disk is a 503 like the database's, the
    /// rest an internal error.
    pub fn storage(err: std::io::Error) -> Self {
        use std::io::ErrorKind;
        match err.kind() {
            ErrorKind::StorageFull | ErrorKind::ReadOnlyFilesystem | ErrorKind::QuotaExceeded => {
                tracing::warn!(error = %err, "storage unavailable");
                ApiError::Unavailable
            }
            _ => ApiError::internal(err),
        }
    }
}

/// Failures of the database's availability rather than of the request: a connection lost (the
/// server stopped or restarted), a disk full, a read-only file, a write lock held too long. They pass when the database comes
/// back, so they are a 503 with `Retry-After`, not a 500. Neither driver gives most of these a
/// kind of their own, so those are known by the message.
fn database_unavailable(err: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    const MESSAGES: [&str; 11] = [
        // SQLite; "locked" once another writer held the lock past the busy timeout (5 s).
        "database is locked",
        "attempt to write a readonly database",
        "database or disk is full",
        "disk I/O error",
        "unable to open database file",
        // PostgreSQL
        "terminating connection",
        "the database system is shutting down",
        "the database system is starting up",
        "server closed the connection",
        "could not extend file",
        "No space left on device",
    ];
    match err {
        Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection
            | DatabaseErrorKind::UnableToSendCommand
            | DatabaseErrorKind::ReadOnlyTransaction,
            _,
        ) => true,
        Error::DatabaseError(_, info) => MESSAGES
            .iter()
            .any(|message| info.message().contains(message)),
        _ => false,
    }
}

impl ApiError {
    pub fn forbidden(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Forbidden {
            code,
            detail: detail.into(),
        }
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Conflict {
            code,
            detail: detail.into(),
        }
    }
}

/// Error handlers for actix's extractors, so a bad body, query or path is a problem document too.
pub mod extractors {
    use super::*;
    use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
    use actix_web::HttpRequest;

    /// Largest JSON body accepted unless an endpoint sets its own limit.
    pub const JSON_LIMIT_BYTES: usize = 64 * 1024;

    pub fn json_config() -> actix_web::web::JsonConfig {
        actix_web::web::JsonConfig::default()
            .limit(JSON_LIMIT_BYTES)
            .content_type_required(true)
            .error_handler(|err, _req: &HttpRequest| json_error(err).into())
    }

    pub fn query_config() -> actix_web::web::QueryConfig {
        actix_web::web::QueryConfig::default().error_handler(
            |err: QueryPayloadError, _req: &HttpRequest| {
                ApiError::BadRequest {
                    code: "invalid_query",
                    detail: format!("the query string is invalid: {err}"),
                }
                .into()
            },
        )
    }

    pub fn path_config() -> actix_web::web::PathConfig {
        actix_web::web::PathConfig::default().error_handler(|err: PathError, _req: &HttpRequest| {
            ApiError::BadRequest {
                code: "invalid_path",
                detail: format!("a path parameter is invalid: {err}"),
            }
            .into()
        })
    }

    fn json_error(err: JsonPayloadError) -> ApiError {
        match err {
            JsonPayloadError::ContentType => ApiError::UnsupportedMediaType,
            JsonPayloadError::Overflow { limit } => ApiError::PayloadTooLarge { limit },
            JsonPayloadError::OverflowKnownLength { limit, .. } => {
                ApiError::PayloadTooLarge { limit }
            }
            JsonPayloadError::Deserialize(e) => deserialize_error(&e),
            other => ApiError::BadRequest {
                code: "invalid_body",
                detail: format!("the request body could not be read: {other}"),
            },
        }
    }

    /// Syntax errors are 400 (the body is not JSON); JSON of the wrong shape is 422, with the field.
    pub fn deserialize_error(e: &serde_json::Error) -> ApiError {
        use serde_json::error::Category;
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => ApiError::BadRequest {
                code: "malformed_json",
                detail: format!("the request body is not valid JSON: {e}"),
            },
            Category::Data => {
                let message = e.to_string();
                let code = if message.starts_with("unknown field") {
                    "unknown_field"
                } else if message.starts_with("missing field") {
                    "required"
                } else {
                    "invalid_type"
                };
                let field = quoted_field(&message).unwrap_or_default();
                ApiError::Validation(vec![FieldError::new(field, code, strip_position(&message))])
            }
        }
    }

    /// serde names the field in backquotes: "unknown field `role`, expected …".
    fn quoted_field(message: &str) -> Option<String> {
        let start = message.find('`')? + 1;
        let len = message[start..].find('`')?;
        Some(message[start..start + len].to_owned())
    }

    fn strip_position(message: &str) -> String {
        match message.rfind(" at line ") {
            Some(i) => message[..i].to_owned(),
            None => message.to_owned(),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Body {
            title: String,
        }

        fn error_for(json: &str) -> ApiError {
            deserialize_error(&serde_json::from_str::<Body>(json).unwrap_err())
        }

        #[test]
        fn malformed_json_is_a_bad_request() {
            assert_eq!(error_for("{\"title\":").code(), "malformed_json");
        }

        #[test]
        fn unknown_fields_name_the_field() {
            let ApiError::Validation(errors) = error_for(r#"{"title":"x","role":"admin"}"#) else {
                panic!("expected a validation error");
            };
            assert_eq!(errors[0].field, "role");
            assert_eq!(errors[0].code, "unknown_field");
        }

        async fn post(content_type: &str, body: Vec<u8>) -> actix_web::dev::ServiceResponse {
            use actix_web::{test, web, App};
            async fn accept(body: web::Json<Body>) -> String {
                body.into_inner().title
            }
            let app = test::init_service(
                App::new()
                    .app_data(json_config())
                    .route("/", web::post().to(accept)),
            )
            .await;
            let request = test::TestRequest::post()
                .uri("/")
                .insert_header((header::CONTENT_TYPE, content_type))
                .set_payload(body)
                .to_request();
            test::call_service(&app, request).await
        }

        async fn problem_of(response: actix_web::dev::ServiceResponse) -> (u16, serde_json::Value) {
            let status = response.status().as_u16();
            assert_eq!(
                response.headers().get(header::CONTENT_TYPE).unwrap(),
                "application/problem+json"
            );
            let body = actix_web::test::read_body(response).await;
            (status, serde_json::from_slice(&body).unwrap())
        }

        #[actix_web::test]
        async fn json_bodies_get_problem_documents_for_every_kind_of_bad_input() {
            let (status, body) =
                problem_of(post("text/plain", br#"{"title":"x"}"#.to_vec()).await).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (415, Some("unsupported_media_type"))
            );

            let (status, body) =
                problem_of(post("application/json", b"{\"title\":".to_vec()).await).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (400, Some("malformed_json"))
            );

            let (status, body) = problem_of(
                post(
                    "application/json",
                    br#"{"title":"x","role":"admin"}"#.to_vec(),
                )
                .await,
            )
            .await;
            assert_eq!(
                (status, body["code"].as_str()),
                (422, Some("validation_failed"))
            );
            assert_eq!(body["errors"][0]["field"], "role");

            let huge = format!(r#"{{"title":"{}"}}"#, "秘".repeat(JSON_LIMIT_BYTES));
            let (status, body) =
                problem_of(post("application/json", huge.into_bytes()).await).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (413, Some("payload_too_large"))
            );

            let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            let (status, _) = problem_of(post("application/json", deep.into_bytes()).await).await;
            assert_eq!(
                status, 413,
                "a deep body over the limit is refused before parsing"
            );

            // Deep nesting under the size limit is a problem document, not a stack overflow.
            let nested = format!(r#"{{"title":"x","extra":{}}}"#, "[".repeat(20_000));
            let (status, body) =
                problem_of(post("application/json", nested.into_bytes()).await).await;
            assert_eq!(status, 422, "{body}");
        }

        #[test]
        fn wrong_types_are_unprocessable() {
            let err = error_for(r#"{"title":7}"#);
            assert_eq!(err.status_code(), StatusCode::UNPROCESSABLE_ENTITY);
        }
    }
}

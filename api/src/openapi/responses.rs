//! The responses many operations share, described once under `components/responses` and named by
//! each operation in one line: `responses((status = 200, …), BodyErrors, NotFound, Unavailable)`.
//! Their descriptions are general; what one of them means for a particular operation is said in
//! that operation's `description`.

use std::collections::BTreeMap;

use utoipa::openapi::{Ref, RefOr, Response};
use utoipa::{IntoResponses, ToResponse};

use crate::error::Problem;

/// Each type below is both the component (`ToResponse`, under its type's name) and, through this
/// macro, what an operation names in `responses(...)` to refer to it at its status.
macro_rules! at_status {
    ($($response:ident => $status:literal),* $(,)?) => {
        $(impl IntoResponses for $response {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                reference::<$response>($status)
            }
        })*
    };
}

fn reference<'r, T: ToResponse<'r>>(status: u16) -> BTreeMap<String, RefOr<Response>> {
    let (name, _) = T::response();
    BTreeMap::from([(status.to_string(), Ref::from_response_name(name).into())])
}

/// Unchanged since the `If-None-Match` ETag: use the copy you have.
#[derive(ToResponse)]
pub struct NotModified;

/// The request cannot be read: the body is not JSON (or not the multipart form asked for), or a
/// path or query parameter is repeated or not of its type. Where an operation says so, also a
/// check of its own, such as a wrong captcha. `code` says which.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "about:blank", "title": "Bad Request", "status": 400,
        "detail": "the captcha is wrong, expired or already used; get a new one", "code": "captcha_invalid"})
)]
pub struct BadRequest(pub Problem);

/// Not signed in: no bearer token, or one that is malformed, expired or revoked (`unauthenticated`,
/// with `WWW-Authenticate: Bearer`); for a login, a wrong username or password
/// (`invalid_credentials`).
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "about:blank", "title": "Unauthorized", "status": 401,
        "detail": "sign in first: the access token is missing, invalid, expired or revoked", "code": "unauthenticated"})
)]
pub struct Unauthenticated(pub Problem);

/// The caller may not do this: their role (`editor_only`, `admin_only`), their account's state, or
/// an API token (`token_scope_missing`, `token_not_allowed`). `code` says which.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "about:blank", "title": "Forbidden", "status": 403,
        "detail": "this API token lacks the articles:write scope", "code": "token_scope_missing"})
)]
pub struct Forbidden(pub Problem);

/// Nothing with this id or slug, or nothing the caller may see.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "about:blank", "title": "Not Found", "status": 404,
        "detail": "no published article has id 7", "code": "not_found"})
)]
pub struct NotFound(pub Problem);

/// The request conflicts with what is stored (a name that is taken, a move the workflow does not
/// allow). `code` says which.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "about:blank", "title": "Conflict", "status": 409,
        "detail": "the slug interviews is taken", "code": "slug_taken"})
)]
pub struct Conflict(pub Problem);

/// `If-Match` names a version that is no longer current: someone else saved first. Read it again.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct PreconditionFailed(pub Problem);

/// The body is over the operation's limit: 64 KiB for JSON, 1 MB for an article, 5 MB for an image.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct PayloadTooLarge(pub Problem);

/// The body is not of the operation's media type (`application/json`, or for an upload
/// `multipart/form-data` holding a PNG, JPEG, WebP or GIF image).
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct UnsupportedMediaType(pub Problem);

/// Fields or parameters out of their rules (blank, too long, out of range, unknown); `errors`
/// names each field with a code and a message.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    example = json!({"type": "about:blank", "title": "Unprocessable Entity", "status": 422,
        "detail": "the request has invalid fields", "code": "validation_failed",
        "errors": [{"field": "title", "code": "blank", "message": "must not be blank"}]})
)]
pub struct ValidationFailed(pub Problem);

/// A change that needs `If-Match` came without it.
#[derive(ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct PreconditionRequired(pub Problem);

/// Too many requests: wait `Retry-After` seconds.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    headers(("Retry-After" = u64, description = "Seconds to wait"))
)]
pub struct TooManyRequests(pub Problem);

/// The database (or the media storage) is unavailable for now: retry after `Retry-After` seconds.
#[derive(ToResponse)]
#[response(
    content_type = "application/problem+json",
    headers(("Retry-After" = u64, description = "Seconds to wait"))
)]
pub struct Unavailable(pub Problem);

at_status! {
    NotModified => 304,
    BadRequest => 400,
    Unauthenticated => 401,
    Forbidden => 403,
    NotFound => 404,
    Conflict => 409,
    PreconditionFailed => 412,
    PayloadTooLarge => 413,
    UnsupportedMediaType => 415,
    ValidationFailed => 422,
    PreconditionRequired => 428,
    TooManyRequests => 429,
    Unavailable => 503,
}

/// What any operation that reads a request body can answer about the body alone: 400, 413, 415
/// and 422.
pub struct BodyErrors;

impl IntoResponses for BodyErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        [
            BadRequest::responses(),
            PayloadTooLarge::responses(),
            UnsupportedMediaType::responses(),
            ValidationFailed::responses(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

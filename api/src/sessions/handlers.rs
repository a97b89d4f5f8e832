//! Signing in and out over HTTP, and registration (which answers with a session): each handler
//! parses, calls one step of `service` and turns the member and refresh token into the answer.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpRequest, HttpResponse};

use super::dto::{LoginRequest, SessionResponse};
use super::queries::{self, REFRESH_TOKEN_DAYS};
use super::service;
use crate::auth::jwt::{TokenKeys, ACCESS_TOKEN_SECONDS};
use crate::auth::queries::end_all_sessions;
use crate::auth::SignedIn;
use crate::client::Client;
use crate::error::{ApiError, Problem};
use crate::large_json::JsonObject;
use crate::members::dto::{MemberResponse, RegisterRequest};
use crate::members::model::Member;
use crate::members::registration;
use crate::state::AppState;

pub const REFRESH_COOKIE: &str = "kanwu_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

fn refresh_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, token.to_owned())
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(REFRESH_TOKEN_DAYS))
        .finish()
}

fn expired_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = refresh_cookie("", secure);
    cookie.make_removal();
    cookie
}

/// The response that opens a session: the access token in the body, the refresh token in a cookie.
fn session_response(
    status: StatusCode,
    member: Member,
    keys: &TokenKeys,
    refresh_token: &str,
    cookie_secure: bool,
) -> Result<HttpResponse, ApiError> {
    let access_token = keys
        .issue(
            member.id,
            member.role.as_str(),
            member.kind.as_str(),
            member.token_version,
        )
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(refresh_cookie(refresh_token, cookie_secure))
        .json(SessionResponse {
            access_token,
            token_type: "Bearer".into(),
            expires_in: ACCESS_TOKEN_SECONDS,
            member: MemberResponse::from(member),
        }))
}

/// Signs in with a username and password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the refresh token is set as an HttpOnly cookie", body = SessionResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong username or password (the same answer for both)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account is disabled", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or unknown", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures for this account, or attempts from this address", body = Problem,
            content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    client: Client,
    body: web::Json<JsonObject<LoginRequest>>,
) -> Result<HttpResponse, ApiError> {
    state
        .limits
        .login
        .hit(&client.address)
        .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
    let LoginRequest { username, password } = body.into_inner().0;
    let (member, refresh_token) =
        service::log_in(&state.db, &state.hasher, username, password).await?;
    session_response(
        StatusCode::OK,
        member,
        &state.token_keys,
        &refresh_token,
        state.config.security.cookie_secure,
    )
}

/// Renews the access token with the refresh cookie, which is rotated; reusing an old one ends the session.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "A new access token; the refresh cookie is replaced", body = SessionResponse),
        (status = 204, description = "No refresh cookie was sent: there is no session to renew"),
        (status = 401, description = "The refresh cookie is invalid (expired, revoked or reused)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    // No cookie means no session to renew: not an error (every anonymous page load asks).
    let Some(presented) = req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(HttpResponse::NoContent()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .finish());
    };
    match service::renew(&state.db, presented).await? {
        Some((member, token)) => session_response(
            StatusCode::OK,
            member,
            &state.token_keys,
            &token,
            state.config.security.cookie_secure,
        ),
        None => Err(ApiError::Unauthenticated),
    }
}

/// Ends this session: the refresh cookie's family is revoked and the cookie cleared.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Signed out (also when there was no session)"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if let Some(presented) = req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()) {
        state
            .db
            .write(move |conn| Ok(queries::revoke_by_token(conn, &presented)?))
            .await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(expired_cookie(state.config.security.cookie_secure))
        .finish())
}

/// Ends every session of the caller: all refresh tokens revoked, all access tokens invalid at once.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Every session ended"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout-all")]
pub async fn logout_all(
    state: web::Data<AppState>,
    caller: SignedIn,
) -> Result<HttpResponse, ApiError> {
    state
        .db
        .write(move |conn| Ok(end_all_sessions(conn, caller.id)?))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(expired_cookie(state.config.security.cookie_secure))
        .finish())
}

/// Registers a personal member (active at once) or an enterprise member (pending an admin's review
/// unless approval is turned off), and signs them in.
#[utoipa::path(
    tag = "members",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered and signed in", body = SessionResponse,
            headers(("Location" = String, description = "`/api/v1/members/me`"))),
        (status = 400, description = "The captcha is wrong, expired, used or from another client; or the body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username or e-mail address is taken", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many registrations from this address", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members")]
pub async fn register(
    state: web::Data<AppState>,
    client: Client,
    body: web::Json<JsonObject<RegisterRequest>>,
) -> Result<HttpResponse, ApiError> {
    state
        .limits
        .registration
        .hit(&client.address)
        .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
    let member = registration::accept(
        &state.db,
        &state.hasher,
        &state.config.members,
        client.hash(),
        body.into_inner().0,
    )
    .await?;
    let (member, refresh_token) = service::sign_up(&state.db, member).await?;
    let mut response = session_response(
        StatusCode::CREATED,
        member,
        &state.token_keys,
        &refresh_token,
        state.config.security.cookie_secure,
    )?;
    response.headers_mut().insert(
        header::LOCATION,
        header::HeaderValue::from_static("/api/v1/members/me"),
    );
    Ok(response)
}

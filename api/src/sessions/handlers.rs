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
use crate::error::ApiError;
use crate::large_json::JsonObject;
use crate::members::dto::{MemberResponse, RegisterRequest};
use crate::members::model::Member;
use crate::members::registration;
use crate::openapi::responses::{
    BodyErrors, Conflict, Forbidden, TooManyRequests, Unauthenticated, Unavailable,
};
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
    description = "Checks the username and password and starts a session: the answer carries a \
        15-minute access token for `Authorization: Bearer …` (`bearer_jwt`), and sets the refresh \
        token as an HttpOnly cookie for `POST /api/v1/auth/refresh`.\n\n\
        Fails with 401 (`invalid_credentials`) for a wrong username or password, the same answer \
        for both; 403 when the account is disabled; 429 after too many failures for this account, \
        or too many attempts from this address.",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the refresh token is set as an HttpOnly cookie", body = SessionResponse),
        BodyErrors, Unauthenticated, Forbidden, TooManyRequests, Unavailable,
    ),
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
    description = "Exchanges the refresh cookie (set by login or registration) for a new access \
        token and a new refresh cookie. Each refresh token works once: sending an old one again \
        ends the whole session, since it may have been stolen.\n\n\
        Answers 204 when no refresh cookie was sent; fails with 401 when the cookie is expired, \
        revoked or reused.",
    responses(
        (status = 200, description = "A new access token; the refresh cookie is replaced", body = SessionResponse),
        (status = 204, description = "No refresh cookie was sent: there is no session to renew"),
        Unauthenticated, Unavailable,
    ),
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
    description = "Revokes the refresh cookie's session (every refresh token rotated from the same \
        login) and clears the cookie. Access tokens already issued stay valid until they expire; \
        `POST /api/v1/auth/logout-all` ends them too.\n\n\
        Always 204, also when there was no session.",
    responses(
        (status = 204, description = "Signed out (also when there was no session)"),
        Unavailable,
    ),
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
    description = "Revokes every refresh token of the caller and makes every access token issued \
        so far invalid at once, on every device. Needs a login: an API token is refused.\n\n\
        Fails with 401 when not signed in.",
    security(("bearer_jwt" = [])),
    responses(
        (status = 204, description = "Every session ended"),
        Unauthenticated, Unavailable,
    ),
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
    summary = "Registers a member and signs them in",
    description = "Registers a personal member (active at once) or an enterprise member (waiting \
        for an admin's review unless approval is turned off), with the answer to a captcha from \
        `POST /api/v1/captchas`, and signs them in as a login does.\n\n\
        Fails with 400 when the captcha is wrong, expired, used or from another client; 409 when \
        the username or e-mail address is taken; 422 naming each invalid field; 429 after too many \
        registrations from this address.",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered and signed in", body = crate::sessions::dto::SessionResponse,
            headers(("Location" = String, description = "`/api/v1/members/me`"))),
        BodyErrors, Conflict, TooManyRequests, Unavailable,
    ),
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

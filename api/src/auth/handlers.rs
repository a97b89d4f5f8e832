use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};

use super::dto::{LoginRequest, SessionResponse};
use super::extractors::SignedIn;
use super::jwt::{TokenKeys, ACCESS_TOKEN_SECONDS};
use super::queries::{
    self, Rotation, LOCKOUT_FAILURES, LOCKOUT_WINDOW_MINUTES, REFRESH_TOKEN_DAYS,
};
use crate::client::Client;
use crate::config::Config;
use crate::domain::Username;
use crate::error::{ApiError, Problem};
use crate::large_json::JsonObject;
use crate::members::dto::MemberResponse;
use crate::members::model::{status, Member};
use crate::members::queries as member_queries;
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
pub fn session_response(
    status: actix_web::http::StatusCode,
    member: Member,
    keys: &TokenKeys,
    refresh_token: &str,
    config: &Config,
) -> Result<HttpResponse, ApiError> {
    let access_token = keys
        .issue(member.id, &member.role, &member.kind, member.token_version)
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(refresh_cookie(refresh_token, config.security.cookie_secure))
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
#[allow(clippy::too_many_arguments)]
pub async fn login(
    state: web::Data<AppState>,
    client: Client,
    body: web::Json<JsonObject<LoginRequest>>,
) -> Result<HttpResponse, ApiError> {
    let address = client.address;
    state
        .limits
        .login
        .hit(&address)
        .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
    let LoginRequest { username, password } = body.into_inner().0;
    let key = Username::key_of(&username);
    // No username holds a NUL (registration refuses control characters), and PostgreSQL text cannot
    // hold one either: such a name is wrong like any unknown name, without asking the database.
    let possible = !key.contains('\0');

    let lookup_key = key.clone();
    let (failures, member) = if possible {
        state
            .db
            .run(move |conn| {
                let failures = queries::recent_failures(conn, &lookup_key)?;
                Ok((
                    failures,
                    member_queries::find_by_username_key(conn, &lookup_key)?,
                ))
            })
            .await?
    } else {
        ((0, None), None)
    };
    if let (count, Some(oldest)) = failures {
        if count >= LOCKOUT_FAILURES {
            let unlock = oldest + chrono::Duration::minutes(LOCKOUT_WINDOW_MINUTES);
            let retry_after = (unlock - chrono::Utc::now().naive_utc())
                .num_seconds()
                .max(1) as u64;
            return Err(ApiError::TooManyRequests { retry_after });
        }
    }

    let stored_hash = member.as_ref().map(|m| m.password_hash.clone());
    let password_matches = state
        .hasher
        .run(move |verifier| match stored_hash {
            Some(hash) => verifier.verify(&password, &hash),
            None => {
                verifier.verify_dummy(&password);
                false
            }
        })
        .await?;
    let member = match member {
        Some(member) if password_matches => member,
        _ => {
            if possible {
                state
                    .db
                    .write(move |conn| Ok(queries::record_failure(conn, &key)?))
                    .await?;
            }
            return Err(ApiError::InvalidCredentials);
        }
    };
    if member.status == status::DISABLED {
        return Err(ApiError::forbidden(
            "account_disabled",
            "this account is disabled",
        ));
    }
    let member_id = member.id;
    let refresh_token = state
        .db
        .write(move |conn| {
            Ok(queries::issue_refresh_token(
                conn,
                member_id,
                &uuid::Uuid::new_v4().simple().to_string(),
            )?)
        })
        .await?;
    session_response(
        actix_web::http::StatusCode::OK,
        member,
        &state.token_keys,
        &refresh_token,
        &state.config,
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
    let outcome = state
        .db
        .write(move |conn| {
            Ok(match queries::rotate(conn, &presented)? {
                Rotation::Rotated { member_id, token } => {
                    member_queries::find(conn, member_id)?.map(|m| (m, token))
                }
                Rotation::Invalid | Rotation::Reused => None,
            })
        })
        .await?;
    match outcome {
        Some((member, token)) if member.status != status::DISABLED => session_response(
            actix_web::http::StatusCode::OK,
            member,
            &state.token_keys,
            &token,
            &state.config,
        ),
        _ => Err(ApiError::Unauthenticated),
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
        .write(move |conn| Ok(queries::end_all_sessions(conn, caller.id)?))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(expired_cookie(state.config.security.cookie_secure))
        .finish())
}

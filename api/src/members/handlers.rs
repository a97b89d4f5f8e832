//! A member's own account over HTTP: read it, change the profile, change the password.
//! Registration answers with a session, so its handler is `sessions::handlers::register`.

use actix_web::{get, patch, put, web, HttpResponse};

use super::dto::{ChangePasswordRequest, MemberResponse, UpdateProfileRequest};
use super::{password, profile, queries};
use crate::auth::SignedIn;
use crate::error::{ApiError, Problem};
use crate::large_json::{read, JsonBody};
use crate::paging::private;
use crate::state::AppState;

/// The caller's own account.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's account", body = MemberResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/me")]
pub async fn get_me(
    state: web::Data<AppState>,
    caller: SignedIn,
) -> Result<HttpResponse, ApiError> {
    let member = state
        .db
        .run(move |conn| Ok(queries::find(conn, caller.id)?))
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok(private(MemberResponse::from(member)))
}

/// Changes the caller's own profile: only the fields of their own kind. Role, status, kind, ids and
/// unknown keys are refused (422) and nothing changes.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    request_body = UpdateProfileRequest,
    responses(
        (status = 200, description = "The updated account", body = MemberResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The e-mail address is taken", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or forbidden fields, each named", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/members/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    caller: SignedIn,
    body: JsonBody<UpdateProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    let member = profile::update_profile(&state.db, &caller, read(body)?).await?;
    Ok(private(MemberResponse::from(member)))
}

/// Changes the caller's password; every session ends (sign in again with the new password).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; all access and refresh tokens are revoked"),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The current password is wrong or the new one is too weak", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/members/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: SignedIn,
    body: JsonBody<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = read(body)?;
    password::change_password(
        &state.db,
        &state.hasher,
        caller.id,
        current_password,
        new_password,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

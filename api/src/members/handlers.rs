//! A member's own account over HTTP: read it, change the profile, change the password.
//! Registration answers with a session, so its handler is `sessions::handlers::register`.

use actix_web::{get, patch, put, web, HttpResponse};

use super::dto::{ChangePasswordRequest, MemberResponse, UpdateProfileRequest};
use super::{password, profile, queries};
use crate::auth::SignedIn;
use crate::error::ApiError;
use crate::large_json::{read, JsonBody};
use crate::openapi::responses::{BodyErrors, Conflict, Unauthenticated, Unavailable};
use crate::paging::private;
use crate::state::AppState;

/// The caller's own account.
#[utoipa::path(
    tag = "members",
    description = "The signed-in member's own account: kind, role, status and profile fields.\n\n\
        Fails with 401 when not signed in.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    responses(
        (status = 200, description = "The caller's account", body = MemberResponse),
        Unauthenticated, Unavailable,
    ),
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
    summary = "Changes the caller's own profile",
    description = "Changes the profile fields sent, only those of the member's own kind; `null` \
        clears an optional field. Role, status, kind, ids and unknown keys are refused and nothing \
        changes. Needs a login: an API token is refused.\n\n\
        Fails with 409 when the e-mail address is taken; 422 naming each invalid or forbidden \
        field.",
    security(("bearer_jwt" = [])),
    request_body = UpdateProfileRequest,
    responses(
        (status = 200, description = "The updated account", body = MemberResponse),
        BodyErrors, Unauthenticated, Conflict, Unavailable,
    ),
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
    description = "Changes the caller's password after checking the current one. Every access and \
        refresh token of the member is revoked: sign in again with the new password. Needs a \
        login: an API token is refused.\n\n\
        Fails with 422 when the current password is wrong or the new one is too weak (too short, \
        common, or the username).",
    security(("bearer_jwt" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; all access and refresh tokens are revoked"),
        BodyErrors, Unauthenticated, Unavailable,
    ),
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

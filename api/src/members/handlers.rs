use actix_web::http::{header, StatusCode};
use actix_web::{get, patch, post, put, web, HttpRequest, HttpResponse};

use super::dto::{
    AdminMemberListQuery, AdminMemberResponse, AdminUpdateMemberRequest, ChangePasswordRequest,
    MemberPage, MemberResponse, RegisterEnterprise, RegisterPersonal, RegisterRequest,
    ReviewDecision, ReviewRequest, UpdateProfileRequest,
};
use super::model::{kind, role, status, MemberChanges, NewMember};
use super::queries::{self, MemberFilter};
use crate::audit::{self, Entry};
use crate::auth::handlers::session_response;
use crate::auth::queries as auth_queries;
use crate::auth::{Admin, SignedIn};
use crate::captcha::queries as captcha_queries;
use crate::client::Client;
use crate::db::write_transaction;
use crate::domain::{
    parse_phone, parse_text, parse_website, Checks, CreditCode, Email, Invalid, NewPassword,
    Pagination, Username,
};
use crate::error::{ApiError, Problem};
use crate::large_json::{read, JsonBody, JsonObject};
use crate::paging::{paged_private, private};
use crate::state::AppState;
use crate::tokens::Scope;

const NAME_MAX: usize = 50;
const SHORT_TEXT_MAX: usize = 100;
const ADDRESS_MAX: usize = 200;
const INTRODUCTION_MAX: usize = 2_000;
const REASON_MAX: usize = 500;

fn text(max: usize) -> impl Fn(&str) -> Result<String, Invalid> {
    move |raw| parse_text(raw, max)
}

fn email_text(raw: &str) -> Result<String, Invalid> {
    Email::parse(raw).map(|e| e.as_str().to_owned())
}

fn credit_code_text(raw: &str) -> Result<String, Invalid> {
    CreditCode::parse(raw)
        .map(|c| c.as_str().to_owned())
        .map_err(|message| Invalid {
            code: "check_character",
            message: message.to_owned(),
        })
}

struct Registration {
    member: NewMember,
    password: NewPassword,
    captcha_id: String,
    captcha_answer: String,
}

fn validate_registration(
    request: RegisterRequest,
    enterprise_approval: bool,
) -> Result<Registration, ApiError> {
    let mut checks = Checks::default();
    let now = chrono::Utc::now().naive_utc();
    let (username_raw, password_raw, captcha_id, captcha_answer) = match &request {
        RegisterRequest::Personal(p) => (
            p.username.clone(),
            p.password.clone(),
            p.captcha_id.clone(),
            p.captcha_answer.clone(),
        ),
        RegisterRequest::Enterprise(e) => (
            e.username.clone(),
            e.password.clone(),
            e.captcha_id.clone(),
            e.captcha_answer.clone(),
        ),
    };
    let username = checks.check("username", Username::parse(&username_raw));
    let password = checks.check(
        "password",
        NewPassword::parse(&password_raw, Some(&username_raw)),
    );
    let mut member = NewMember {
        created_at: now,
        updated_at: now,
        role: role::MEMBER.into(),
        ..NewMember::default()
    };
    let (display_name, email, phone) = match request {
        RegisterRequest::Personal(RegisterPersonal {
            display_name,
            email,
            phone,
            real_name,
            organisation,
            position,
            ..
        }) => {
            member.kind = kind::PERSONAL.into();
            member.status = status::ACTIVE.into();
            member.real_name = checks.optional("real_name", real_name.as_deref(), text(NAME_MAX));
            member.organisation = checks.optional(
                "organisation",
                organisation.as_deref(),
                text(SHORT_TEXT_MAX),
            );
            member.position =
                checks.optional("position", position.as_deref(), text(SHORT_TEXT_MAX));
            (display_name, email, phone)
        }
        RegisterRequest::Enterprise(RegisterEnterprise {
            display_name,
            email,
            phone,
            company_name,
            credit_code,
            contact_person,
            contact_phone,
            address,
            website,
            industry,
            introduction,
            ..
        }) => {
            member.kind = kind::ENTERPRISE.into();
            member.status = if enterprise_approval {
                status::PENDING
            } else {
                status::ACTIVE
            }
            .into();
            member.company_name =
                checks.check("company_name", parse_text(&company_name, SHORT_TEXT_MAX));
            member.credit_code = checks.check("credit_code", credit_code_text(&credit_code));
            member.contact_person =
                checks.check("contact_person", parse_text(&contact_person, NAME_MAX));
            member.contact_phone = checks.check("contact_phone", parse_phone(&contact_phone));
            member.address = checks.optional("address", address.as_deref(), text(ADDRESS_MAX));
            member.website = checks.optional("website", website.as_deref(), parse_website);
            member.industry =
                checks.optional("industry", industry.as_deref(), text(SHORT_TEXT_MAX));
            member.introduction = checks.optional(
                "introduction",
                introduction.as_deref(),
                text(INTRODUCTION_MAX),
            );
            if email.trim().is_empty() {
                checks.refuse(
                    "email",
                    "required",
                    "an enterprise member needs an e-mail address",
                );
            }
            (display_name, Some(email), phone)
        }
    };
    member.email = checks.optional("email", email.as_deref(), email_text);
    member.email_key = member.email.as_ref().map(|e| e.to_lowercase());
    member.phone = checks.optional("phone", phone.as_deref(), parse_phone);
    let display_name = checks.optional("display_name", display_name.as_deref(), text(NAME_MAX));
    checks.finish()?;

    let username = username.expect("checked");
    member.display_name = display_name
        .or_else(|| member.company_name.clone())
        .unwrap_or_else(|| username.as_str().to_owned());
    member.username = username.as_str().to_owned();
    member.username_key = username.key().to_owned();
    Ok(Registration {
        member,
        password: password.expect("checked"),
        captcha_id,
        captcha_answer,
    })
}

/// Registers a personal member (active at once) or an enterprise member (pending an admin's review
/// unless approval is turned off), and signs them in.
#[utoipa::path(
    tag = "members",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered and signed in", body = crate::auth::dto::SessionResponse,
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
#[allow(clippy::too_many_arguments)]
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
    let request = body.into_inner().0;
    let attempted_captcha = match &request {
        RegisterRequest::Personal(p) => p.captcha_id.clone(),
        RegisterRequest::Enterprise(e) => e.captcha_id.clone(),
    };
    let registration =
        match validate_registration(request, state.config.members.enterprise_approval) {
            Ok(registration) => registration,
            Err(invalid) => {
                // Any attempt spends the captcha, even one refused for its other fields.
                state
                    .db
                    .write(move |conn| Ok(captcha_queries::discard(conn, &attempted_captcha)?))
                    .await?;
                return Err(invalid);
            }
        };
    let Registration {
        mut member,
        password,
        captcha_id,
        captcha_answer,
    } = registration;

    let client = client.hash();
    let solved = state
        .db
        .write(move |conn| {
            Ok(captcha_queries::consume(
                conn,
                &captcha_id,
                &captcha_answer,
                &client,
            )?)
        })
        .await?;
    if !solved {
        return Err(ApiError::CaptchaInvalid);
    }
    member.password_hash = state
        .hasher
        .run(move |hasher| hasher.hash(&password))
        .await?
        .map_err(ApiError::internal)?;
    let (member, refresh_token) = state
        .db
        .write(move |conn| {
            let member = queries::insert(conn, member)?;
            let token = auth_queries::issue_refresh_token(
                conn,
                member.id,
                &uuid::Uuid::new_v4().simple().to_string(),
            )?;
            Ok((member, token))
        })
        .await?;
    let mut response = session_response(
        StatusCode::CREATED,
        member,
        &state.token_keys,
        &refresh_token,
        &state.config,
    )?;
    response.headers_mut().insert(
        header::LOCATION,
        header::HeaderValue::from_static("/api/v1/members/me"),
    );
    Ok(response)
}

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

fn profile_changes(
    kind_of_member: &str,
    request: UpdateProfileRequest,
) -> Result<MemberChanges, ApiError> {
    let mut checks = Checks::default();
    let enterprise = kind_of_member == kind::ENTERPRISE;
    let mut changes = MemberChanges {
        updated_at: Some(chrono::Utc::now().naive_utc()),
        ..MemberChanges::default()
    };
    let personal_only = [
        ("real_name", request.real_name.is_some()),
        ("organisation", request.organisation.is_some()),
        ("position", request.position.is_some()),
    ];
    let enterprise_only = [
        ("company_name", request.company_name.is_some()),
        ("credit_code", request.credit_code.is_some()),
        ("contact_person", request.contact_person.is_some()),
        ("contact_phone", request.contact_phone.is_some()),
        ("address", request.address.is_some()),
        ("website", request.website.is_some()),
        ("industry", request.industry.is_some()),
        ("introduction", request.introduction.is_some()),
    ];
    let (other_kind, label) = if enterprise {
        (personal_only.as_slice(), "a personal member's")
    } else {
        (enterprise_only.as_slice(), "an enterprise member's")
    };
    for (field, sent) in other_kind {
        if *sent {
            checks.refuse(field, "not_for_kind", &format!("is {label} field"));
        }
    }

    if let Some(name) = request.display_name {
        changes.display_name = checks.check("display_name", parse_text(&name, NAME_MAX));
    }
    let clearable = |checks: &mut Checks,
                     field: &str,
                     value: Option<Option<String>>,
                     parse: &dyn Fn(&str) -> Result<String, Invalid>| {
        match value {
            None => None,
            Some(None) => Some(None),
            Some(Some(raw)) if raw.trim().is_empty() => Some(None),
            Some(Some(raw)) => checks.check(field, parse(&raw)).map(Some),
        }
    };
    if enterprise && matches!(request.email, Some(None)) {
        checks.refuse(
            "email",
            "required",
            "an enterprise member needs an e-mail address",
        );
    }
    changes.email = clearable(&mut checks, "email", request.email, &email_text);
    changes.email_key = changes.email.clone().map(|e| e.map(|e| e.to_lowercase()));
    changes.phone = clearable(&mut checks, "phone", request.phone, &parse_phone);
    if !enterprise {
        changes.real_name = clearable(&mut checks, "real_name", request.real_name, &text(NAME_MAX));
        changes.organisation = clearable(
            &mut checks,
            "organisation",
            request.organisation,
            &text(SHORT_TEXT_MAX),
        );
        changes.position = clearable(
            &mut checks,
            "position",
            request.position,
            &text(SHORT_TEXT_MAX),
        );
    } else {
        if let Some(raw) = request.company_name {
            changes.company_name = checks
                .check("company_name", parse_text(&raw, SHORT_TEXT_MAX))
                .map(Some);
        }
        if let Some(raw) = request.credit_code {
            changes.credit_code = checks
                .check("credit_code", credit_code_text(&raw))
                .map(Some);
        }
        if let Some(raw) = request.contact_person {
            changes.contact_person = checks
                .check("contact_person", parse_text(&raw, NAME_MAX))
                .map(Some);
        }
        if let Some(raw) = request.contact_phone {
            changes.contact_phone = checks.check("contact_phone", parse_phone(&raw)).map(Some);
        }
        changes.address = clearable(&mut checks, "address", request.address, &text(ADDRESS_MAX));
        changes.website = clearable(&mut checks, "website", request.website, &parse_website);
        changes.industry = clearable(
            &mut checks,
            "industry",
            request.industry,
            &text(SHORT_TEXT_MAX),
        );
        changes.introduction = clearable(
            &mut checks,
            "introduction",
            request.introduction,
            &text(INTRODUCTION_MAX),
        );
    }
    checks.finish()?;
    Ok(changes)
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
    let changes = profile_changes(&caller.kind, read(body)?)?;
    let member = state
        .db
        .write(move |conn| {
            queries::update(conn, caller.id, changes)?;
            Ok(queries::find(conn, caller.id)?)
        })
        .await?
        .ok_or(ApiError::Unauthenticated)?;
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
    let member = state
        .db
        .run(move |conn| Ok(queries::find(conn, caller.id)?))
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let new_password = NewPassword::parse(&new_password, Some(&member.username))
        .map_err(|invalid| ApiError::validation("new_password", invalid.code, invalid.message))?;
    let stored = member.password_hash.clone();
    let new_hash = state
        .hasher
        .run(move |hasher| {
            if !hasher.verify(&current_password, &stored) {
                return Ok(None);
            }
            hasher.hash(&new_password).map(Some)
        })
        .await?
        .map_err(ApiError::internal)?
        .ok_or_else(|| {
            ApiError::validation("current_password", "wrong", "the current password is wrong")
        })?;
    state
        .db
        .write(move |conn| {
            queries::set_password_hash(conn, member.id, &new_hash)?;
            Ok(auth_queries::end_all_sessions(conn, member.id)?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Members, for admins: filter by kind, status and role, search, paginated.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(AdminMemberListQuery),
    responses(
        (status = 200, description = "One page of members", body = MemberPage,
            headers(
                ("X-Total-Count" = i64, description = "All matches, on every page"),
                ("Link" = String, description = "`rel=\"next\"` and `rel=\"prev\"` page URLs"),
            )),
        (status = 400, description = "A filter cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page` or `per_page` out of range", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/members")]
pub async fn admin_list_members(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Admin,
    query: web::Query<AdminMemberListQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::MembersAdmin)?;
    let query = query.into_inner();
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let filter = MemberFilter {
        kind: query.kind.map(|k| k.as_str()),
        status: query.status.map(|s| s.as_str()),
        role: query.role.map(|r| r.as_str()),
        text: query
            .q
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty()),
    };
    let (items, total) = state
        .db
        .run(move |conn| Ok(queries::list(conn, &filter, page)?))
        .await?;
    Ok(paged_private(
        &req,
        page,
        total,
        MemberPage {
            items: items.into_iter().map(MemberResponse::from).collect(),
            page: page.page(),
            per_page: page.per_page(),
            total,
            total_pages: page.total_pages(total),
        },
    ))
}

/// One member with their review history, for admins.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The member's id")),
    responses(
        (status = 200, description = "The member", body = AdminMemberResponse),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/members/{id}")]
pub async fn admin_get_member(
    state: web::Data<AppState>,
    caller: Admin,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::MembersAdmin)?;
    let id = id.into_inner();
    let found = state
        .db
        .run(move |conn| {
            let Some(member) = queries::find(conn, id)? else {
                return Ok(None);
            };
            Ok(Some((member, queries::reviews_of(conn, id)?)))
        })
        .await?;
    let (member, reviews) =
        found.ok_or_else(|| ApiError::NotFound(format!("no member has id {id}")))?;
    Ok(private(AdminMemberResponse {
        member: member.into(),
        reviews: reviews.into_iter().map(Into::into).collect(),
    }))
}

/// Sets a member's status or role. Disabling or a role change revokes their tokens at once.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The member's id")),
    request_body = AdminUpdateMemberRequest,
    responses(
        (status = 200, description = "The member", body = MemberResponse),
        (status = 400, description = "The body is not JSON or the id not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin, or an admin changing their own role or status", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or unknown fields", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/members/{id}")]
pub async fn admin_update_member(
    state: web::Data<AppState>,
    caller: Admin,
    id: web::Path<i64>,
    body: JsonBody<AdminUpdateMemberRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::MembersAdmin)?;
    let id = id.into_inner();
    if id == caller.id {
        // An admin who demotes or disables themselves could leave the site without one.
        return Err(ApiError::forbidden(
            "own_account",
            "admins cannot change their own role or status",
        ));
    }
    let AdminUpdateMemberRequest { status, role } = read(body)?;
    let member = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let Some(before) = queries::find(conn, id)? else {
                    return Ok(None);
                };
                let status = status.map(|s| s.as_str());
                let role = role.map(|r| r.as_str());
                queries::set_status_and_role(conn, id, status, role)?;
                let revokes = status.is_some_and(|s| s != before.status)
                    || role.is_some_and(|r| r != before.role);
                if revokes {
                    auth_queries::end_all_sessions(conn, id)?;
                }
                audit::record(
                    conn,
                    &caller,
                    Entry {
                        action: "member.update",
                        target_type: "member",
                        target_id: id.to_string(),
                        summary: &format!(
                            "{}: status {} → {}, role {} → {}",
                            before.username,
                            before.status,
                            status.unwrap_or(&before.status),
                            before.role,
                            role.unwrap_or(&before.role)
                        ),
                    },
                )?;
                Ok::<_, ApiError>(queries::find(conn, id)?)
            })
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no member has id {id}")))?;
    Ok(private(MemberResponse::from(member)))
}

/// Approves or rejects a pending enterprise member, with a reason that is kept.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The member's id")),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "The reviewed member and their review history", body = AdminMemberResponse),
        (status = 400, description = "The body is not JSON or the id not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an enterprise member waiting for review", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/members/{id}/review")]
pub async fn review_member(
    state: web::Data<AppState>,
    caller: Admin,
    id: web::Path<i64>,
    body: JsonBody<ReviewRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Scope::MembersAdmin)?;
    let id = id.into_inner();
    let ReviewRequest { decision, reason } = read(body)?;
    let reason = parse_text(&reason, REASON_MAX)
        .map_err(|invalid| ApiError::validation("reason", invalid.code, invalid.message))?;
    let reviewer = caller.id;
    let reviewed = state
        .db
        .write(move |conn| {
            let Some(member) = queries::find(conn, id)? else {
                return Err(ApiError::NotFound(format!("no member has id {id}")));
            };
            if member.kind != kind::ENTERPRISE || member.status != status::PENDING {
                return Err(ApiError::conflict(
                    "not_pending",
                    "only a pending enterprise member can be reviewed",
                ));
            }
            let (decision, new_status) = match decision {
                ReviewDecision::Approve => ("approved", status::ACTIVE),
                ReviewDecision::Reject => ("rejected", status::REJECTED),
            };
            queries::set_status_and_role(conn, id, Some(new_status), None)?;
            queries::add_review(conn, id, reviewer, decision, &reason)?;
            audit::record(
                conn,
                &caller,
                Entry {
                    action: "member.review",
                    target_type: "member",
                    target_id: id.to_string(),
                    summary: &format!("{} {decision}: {reason}", member.username),
                },
            )?;
            let member = queries::find(conn, id)?.expect("the member still exists");
            Ok((member, queries::reviews_of(conn, id)?))
        })
        .await?;
    let (member, reviews) = reviewed;
    Ok(private(AdminMemberResponse {
        member: member.into(),
        reviews: reviews.into_iter().map(Into::into).collect(),
    }))
}

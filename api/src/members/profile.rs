//! A member's changes to their own profile: only the fields of their own kind, each checked (all
//! errors at once); `null` clears an optional field.

use super::dto::UpdateProfileRequest;
use super::fields::{
    credit_code_text, email_text, text, ADDRESS_MAX, INTRODUCTION_MAX, NAME_MAX, SHORT_TEXT_MAX,
};
use super::model::{Member, MemberChanges};
use super::queries;
use crate::auth::{MemberKind, SignedIn};
use crate::db::Database;
use crate::domain::{parse_phone, parse_text, parse_website, Checks, Invalid};
use crate::error::ApiError;

/// Checks and stores the caller's changes; the member as they are now.
pub async fn update_profile(
    db: &Database,
    caller: &SignedIn,
    request: UpdateProfileRequest,
) -> Result<Member, ApiError> {
    let changes = changes(caller.kind, request)?;
    let id = caller.id;
    db.write(move |conn| {
        queries::update(conn, id, changes)?;
        Ok(queries::find(conn, id)?)
    })
    .await?
    .ok_or(ApiError::Unauthenticated)
}

fn changes(kind: MemberKind, request: UpdateProfileRequest) -> Result<MemberChanges, ApiError> {
    let mut checks = Checks::default();
    let enterprise = kind == MemberKind::Enterprise;
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

//! Registration as one operation below the HTTP layer: every field checked (all errors at once),
//! the captcha spent whatever the outcome, the password hashed. What comes out is a member ready to
//! store; `sessions` stores it together with the first session, in one transaction.

use super::dto::{RegisterEnterprise, RegisterPersonal, RegisterRequest};
use super::fields::{
    credit_code_text, email_text, text, ADDRESS_MAX, INTRODUCTION_MAX, NAME_MAX, SHORT_TEXT_MAX,
};
use super::model::NewMember;
use crate::auth::{MemberKind, MemberRole, MemberStatus, PasswordHasher};
use crate::captcha::queries as captcha_queries;
use crate::config::MemberConfig;
use crate::db::Database;
use crate::domain::{parse_phone, parse_text, parse_website, Checks, NewPassword, Username};
use crate::error::ApiError;

/// Checks a registration, spends its captcha and hashes its password. `client_hash` is the
/// caller's (`Client::hash`): a captcha is only good for the client that asked for it.
pub async fn accept(
    db: &Database,
    hasher: &PasswordHasher,
    config: &MemberConfig,
    client_hash: String,
    request: RegisterRequest,
) -> Result<NewMember, ApiError> {
    let attempted_captcha = request.captcha_id().to_owned();
    let checked = match check(request, config) {
        Ok(checked) => checked,
        Err(invalid) => {
            // Any attempt spends the captcha, even one refused for its other fields.
            db.write(move |conn| Ok(captcha_queries::discard(conn, &attempted_captcha)?))
                .await?;
            return Err(invalid);
        }
    };
    let Checked {
        mut member,
        password,
        captcha_id,
        captcha_answer,
    } = checked;
    let solved = db
        .write(move |conn| {
            Ok(captcha_queries::consume(
                conn,
                &captcha_id,
                &captcha_answer,
                &client_hash,
            )?)
        })
        .await?;
    if !solved {
        return Err(ApiError::CaptchaInvalid);
    }
    member.password_hash = hasher
        .run(move |hasher| hasher.hash(&password))
        .await?
        .map_err(ApiError::internal)?;
    Ok(member)
}

impl RegisterRequest {
    fn captcha_id(&self) -> &str {
        match self {
            RegisterRequest::Personal(p) => &p.captcha_id,
            RegisterRequest::Enterprise(e) => &e.captcha_id,
        }
    }
}

/// A registration whose fields passed; its password is hashed once the captcha is solved.
struct Checked {
    member: NewMember,
    password: NewPassword,
    captcha_id: String,
    captcha_answer: String,
}

/// The optional fields of either kind, as checked.
#[derive(Default)]
struct Details {
    real_name: Option<String>,
    organisation: Option<String>,
    position: Option<String>,
    company_name: Option<String>,
    credit_code: Option<String>,
    contact_person: Option<String>,
    contact_phone: Option<String>,
    address: Option<String>,
    website: Option<String>,
    industry: Option<String>,
    introduction: Option<String>,
}

fn check(request: RegisterRequest, config: &MemberConfig) -> Result<Checked, ApiError> {
    let mut checks = Checks::default();
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
    let mut details = Details::default();
    let (kind, status, display_name, email, phone) = match request {
        RegisterRequest::Personal(RegisterPersonal {
            display_name,
            email,
            phone,
            real_name,
            organisation,
            position,
            ..
        }) => {
            details.real_name = checks.optional("real_name", real_name.as_deref(), text(NAME_MAX));
            details.organisation = checks.optional(
                "organisation",
                organisation.as_deref(),
                text(SHORT_TEXT_MAX),
            );
            details.position =
                checks.optional("position", position.as_deref(), text(SHORT_TEXT_MAX));
            let status = MemberStatus::Active;
            (MemberKind::Personal, status, display_name, email, phone)
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
            details.company_name =
                checks.check("company_name", parse_text(&company_name, SHORT_TEXT_MAX));
            details.credit_code = checks.check("credit_code", credit_code_text(&credit_code));
            details.contact_person =
                checks.check("contact_person", parse_text(&contact_person, NAME_MAX));
            details.contact_phone = checks.check("contact_phone", parse_phone(&contact_phone));
            details.address = checks.optional("address", address.as_deref(), text(ADDRESS_MAX));
            details.website = checks.optional("website", website.as_deref(), parse_website);
            details.industry =
                checks.optional("industry", industry.as_deref(), text(SHORT_TEXT_MAX));
            details.introduction = checks.optional(
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
            let status = if config.enterprise_approval {
                MemberStatus::Pending
            } else {
                MemberStatus::Active
            };
            (
                MemberKind::Enterprise,
                status,
                display_name,
                Some(email),
                phone,
            )
        }
    };
    let email = checks.optional("email", email.as_deref(), email_text);
    let phone = checks.optional("phone", phone.as_deref(), parse_phone);
    let display_name = checks.optional("display_name", display_name.as_deref(), text(NAME_MAX));
    checks.finish()?;

    let username = username.expect("checked");
    let display_name = display_name
        .or_else(|| details.company_name.clone())
        .unwrap_or_else(|| username.as_str().to_owned());
    // The hash is set once the captcha is solved: no bcrypt for a wrong answer.
    let mut member = NewMember::new(
        &username,
        display_name,
        kind,
        MemberRole::Member,
        status,
        String::new(),
    );
    member.email_key = email.as_ref().map(|e| e.to_lowercase());
    member.email = email;
    member.phone = phone;
    let Details {
        real_name,
        organisation,
        position,
        company_name,
        credit_code,
        contact_person,
        contact_phone,
        address,
        website,
        industry,
        introduction,
    } = details;
    member.real_name = real_name;
    member.organisation = organisation;
    member.position = position;
    member.company_name = company_name;
    member.credit_code = credit_code;
    member.contact_person = contact_person;
    member.contact_phone = contact_phone;
    member.address = address;
    member.website = website;
    member.industry = industry;
    member.introduction = introduction;
    Ok(Checked {
        member,
        password: password.expect("checked"),
        captcha_id,
        captcha_answer,
    })
}

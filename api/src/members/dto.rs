use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::{Member, MemberReview};
use crate::auth::{
    MemberKind as StoredKind, MemberRole as StoredRole, MemberStatus as StoredStatus,
};

/// `null` clears a field; a missing key leaves it alone.
fn double_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberKind {
    /// 个人会员
    Personal,
    /// 企业会员
    Enterprise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Member,
    Editor,
    Admin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    Active,
    /// An enterprise member waiting for an admin's review.
    Pending,
    Rejected,
    Disabled,
}

/// The wire's kinds, roles and statuses and the stored ones (`crate::auth`) name the same variants;
/// the matches are exhaustive, so a variant added on one side does not compile until the other has it.
macro_rules! same_variants {
    ($wire:ident, $stored:ident { $($variant:ident),+ $(,)? }) => {
        impl From<$stored> for $wire {
            fn from(stored: $stored) -> Self {
                match stored {
                    $($stored::$variant => $wire::$variant),+
                }
            }
        }

        impl From<$wire> for $stored {
            fn from(wire: $wire) -> Self {
                match wire {
                    $($wire::$variant => $stored::$variant),+
                }
            }
        }
    };
}

same_variants!(
    MemberKind,
    StoredKind {
        Personal,
        Enterprise
    }
);
same_variants!(
    MemberRole,
    StoredRole {
        Member,
        Editor,
        Admin
    }
);
same_variants!(
    MemberStatus,
    StoredStatus {
        Active,
        Pending,
        Rejected,
        Disabled
    }
);

/// Registration of either kind; `kind` says which fields apply.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schema(example = json!({
    "kind": "personal",
    "username": "zhouhui",
    "password": "a-long-secret-passphrase",
    "email": "zhouhui@example.com",
    "display_name": "周秘书",
    "organisation": "溆浦县委办公室",
    "position": "秘书科科长",
    "captcha_id": "4b1f0a9c2d7e4e0f9a3c5b6d7e8f9a0b",
    "captcha_answer": "3190"
}))]
pub enum RegisterRequest {
    Personal(RegisterPersonal),
    Enterprise(RegisterEnterprise),
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterPersonal {
    /// 3–32 letters (any script), digits, `_` or `-`.
    #[schema(example = "zhouhui", min_length = 3, max_length = 32)]
    pub username: String,
    /// 8–128 characters, not a common password, not the username.
    #[schema(format = Password, min_length = 8, max_length = 128)]
    pub password: String,
    pub email: Option<String>,
    /// Shown with comments; the username when absent.
    pub display_name: Option<String>,
    pub phone: Option<String>,
    pub real_name: Option<String>,
    /// 工作单位
    pub organisation: Option<String>,
    /// 职务
    pub position: Option<String>,
    pub captcha_id: String,
    #[schema(example = "3190")]
    pub captcha_answer: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterEnterprise {
    pub username: String,
    #[schema(format = Password)]
    pub password: String,
    pub email: String,
    pub display_name: Option<String>,
    pub phone: Option<String>,
    pub company_name: String,
    /// 统一社会信用代码: 18 characters with the GB 32100-2015 check character.
    #[schema(example = "91350100M000100Y43", min_length = 18, max_length = 18)]
    pub credit_code: String,
    pub contact_person: String,
    pub contact_phone: String,
    pub address: Option<String>,
    pub website: Option<String>,
    pub industry: Option<String>,
    pub introduction: Option<String>,
    pub captcha_id: String,
    pub captcha_answer: String,
}

/// A member as they themselves (or an admin) see the account.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 7,
    "username": "zhouhui",
    "display_name": "周秘书",
    "kind": "personal",
    "role": "member",
    "status": "active",
    "email": "zhouhui@example.com",
    "phone": null,
    "real_name": "周辉",
    "organisation": "溆浦县委办公室",
    "position": "秘书科科长",
    "company_name": null,
    "credit_code": null,
    "contact_person": null,
    "contact_phone": null,
    "address": null,
    "website": null,
    "industry": null,
    "introduction": null,
    "created_at": "2024-03-02T09:15:00Z"
}))]
pub struct MemberResponse {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub kind: MemberKind,
    pub role: MemberRole,
    pub status: MemberStatus,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub real_name: Option<String>,
    pub organisation: Option<String>,
    pub position: Option<String>,
    pub company_name: Option<String>,
    pub credit_code: Option<String>,
    pub contact_person: Option<String>,
    pub contact_phone: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub industry: Option<String>,
    pub introduction: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<Member> for MemberResponse {
    fn from(m: Member) -> Self {
        MemberResponse {
            id: m.id,
            username: m.username,
            display_name: m.display_name,
            kind: m.kind.into(),
            role: m.role.into(),
            status: m.status.into(),
            email: m.email,
            phone: m.phone,
            real_name: m.real_name,
            organisation: m.organisation,
            position: m.position,
            company_name: m.company_name,
            credit_code: m.credit_code,
            contact_person: m.contact_person,
            contact_phone: m.contact_phone,
            address: m.address,
            website: m.website,
            industry: m.industry,
            introduction: m.introduction,
            created_at: m.created_at.and_utc(),
        }
    }
}

/// Changes to one's own profile. Only the fields of one's own kind; `null` clears an optional field.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "display_name": "周秘书",
    "organisation": "溆浦县委办公室",
    "position": "办公室副主任"
}))]
pub struct UpdateProfileRequest {
    /// Omit to keep; it cannot be cleared.
    #[schema(nullable = false, max_length = 50)]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub real_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub organisation: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub position: Option<Option<String>>,
    /// Omit to keep; it cannot be cleared.
    #[schema(nullable = false)]
    pub company_name: Option<String>,
    /// Omit to keep; it cannot be cleared.
    #[schema(nullable = false)]
    pub credit_code: Option<String>,
    /// Omit to keep; it cannot be cleared.
    #[schema(nullable = false)]
    pub contact_person: Option<String>,
    /// Omit to keep; it cannot be cleared.
    #[schema(nullable = false)]
    pub contact_phone: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub industry: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub introduction: Option<Option<String>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "current_password": "a-long-secret-passphrase",
    "new_password": "another-long-passphrase-2024"
}))]
pub struct ChangePasswordRequest {
    #[schema(format = Password)]
    pub current_password: String,
    #[schema(format = Password)]
    pub new_password: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdminMemberListQuery {
    pub kind: Option<MemberKind>,
    pub status: Option<MemberStatus>,
    pub role: Option<MemberRole>,
    /// A substring of the username, display name or company name.
    pub q: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberPage {
    pub items: Vec<MemberResponse>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub total_pages: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewResponse {
    pub id: i64,
    pub reviewer_id: i64,
    pub decision: ReviewDecision,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

impl From<MemberReview> for ReviewResponse {
    fn from(r: MemberReview) -> Self {
        ReviewResponse {
            id: r.id,
            reviewer_id: r.reviewer_id,
            decision: if r.decision == "approved" {
                ReviewDecision::Approve
            } else {
                ReviewDecision::Reject
            },
            reason: r.reason,
            created_at: r.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminMemberResponse {
    pub member: MemberResponse,
    /// Every review of this member, oldest first.
    pub reviews: Vec<ReviewResponse>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "role": "editor"
}))]
pub struct AdminUpdateMemberRequest {
    pub status: Option<MemberStatus>,
    pub role: Option<MemberRole>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    Approve,
    Reject,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "decision": "approve",
    "reason": "营业执照与统一社会信用代码核验一致。"
}))]
pub struct ReviewRequest {
    pub decision: ReviewDecision,
    /// Why: kept with the review (who, when, why).
    pub reason: String,
}

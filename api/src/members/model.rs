//! The members' rows. Kind, role and status are `crate::auth` enums (the extractors carry them
//! too, and `auth` sits below the features), stored as the same words as before.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::{MemberKind, MemberRole, MemberStatus};
use crate::db::schema::{member_reviews, members};
use crate::domain::Username;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = members)]
pub struct Member {
    pub id: i64,
    pub username: String,
    pub username_key: String,
    pub email: Option<String>,
    pub email_key: Option<String>,
    pub display_name: String,
    pub phone: Option<String>,
    pub kind: MemberKind,
    pub role: MemberRole,
    pub status: MemberStatus,
    pub password_hash: String,
    pub token_version: i32,
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
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = members)]
pub struct NewMember {
    pub username: String,
    pub username_key: String,
    pub email: Option<String>,
    pub email_key: Option<String>,
    pub display_name: String,
    pub phone: Option<String>,
    pub kind: MemberKind,
    pub role: MemberRole,
    pub status: MemberStatus,
    pub password_hash: String,
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
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl NewMember {
    /// A member with the fields every member has; the optional ones are set by the caller.
    pub fn new(
        username: &Username,
        display_name: String,
        kind: MemberKind,
        role: MemberRole,
        status: MemberStatus,
        password_hash: String,
    ) -> Self {
        let now = chrono::Utc::now().naive_utc();
        NewMember {
            username: username.as_str().to_owned(),
            username_key: username.key().to_owned(),
            email: None,
            email_key: None,
            display_name,
            phone: None,
            kind,
            role,
            status,
            password_hash,
            real_name: None,
            organisation: None,
            position: None,
            company_name: None,
            credit_code: None,
            contact_person: None,
            contact_phone: None,
            address: None,
            website: None,
            industry: None,
            introduction: None,
            created_at: now,
            updated_at: now,
        }
    }
}

/// A profile update: `None` leaves a column alone, `Some(None)` clears it.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = members)]
pub struct MemberChanges {
    pub email: Option<Option<String>>,
    pub email_key: Option<Option<String>>,
    pub display_name: Option<String>,
    pub phone: Option<Option<String>>,
    pub real_name: Option<Option<String>>,
    pub organisation: Option<Option<String>>,
    pub position: Option<Option<String>>,
    pub company_name: Option<Option<String>>,
    pub credit_code: Option<Option<String>>,
    pub contact_person: Option<Option<String>>,
    pub contact_phone: Option<Option<String>>,
    pub address: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub industry: Option<Option<String>>,
    pub introduction: Option<Option<String>>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = member_reviews)]
pub struct MemberReview {
    pub id: i64,
    pub member_id: i64,
    pub reviewer_id: i64,
    pub decision: String,
    pub reason: String,
    pub created_at: NaiveDateTime,
}

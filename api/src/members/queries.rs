//! The only code that touches the members' tables (`members`, `member_reviews`).

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::model::{Member, MemberChanges, MemberReview, NewMember};
use crate::auth::{MemberKind, MemberRole, MemberStatus};
use crate::db::schema::{member_reviews, members};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::Pagination;
use crate::error::ApiError;

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Member>> {
    members::table
        .find(id)
        .select(Member::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_username_key(conn: &mut DbConnection, key: &str) -> QueryResult<Option<Member>> {
    members::table
        .filter(members::username_key.eq(key))
        .select(Member::as_select())
        .first(conn)
        .optional()
}

/// A unique index said no: which one, in words a client can act on.
fn conflict_of(err: DieselError) -> ApiError {
    match &err {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
            let about = format!(
                "{} {}",
                info.message(),
                info.constraint_name().unwrap_or_default()
            );
            if about.contains("email") {
                ApiError::conflict("email_taken", "this e-mail address is already registered")
            } else {
                ApiError::conflict("username_taken", "this username is already taken")
            }
        }
        _ => ApiError::internal(err),
    }
}

pub fn insert(conn: &mut DbConnection, member: NewMember) -> Result<Member, ApiError> {
    let id: i64 = diesel::insert_into(members::table)
        .values(&member)
        .returning(members::id)
        .get_result(conn)
        .map_err(conflict_of)?;
    find(conn, id)?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("member {id} vanished after insert")))
}

pub fn update(conn: &mut DbConnection, id: i64, changes: MemberChanges) -> Result<(), ApiError> {
    diesel::update(members::table.find(id))
        .set(&changes)
        .execute(conn)
        .map_err(conflict_of)?;
    Ok(())
}

pub fn set_password_hash(conn: &mut DbConnection, id: i64, hash: &str) -> QueryResult<()> {
    diesel::update(members::table.find(id))
        .set((
            members::password_hash.eq(hash),
            members::updated_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_status_and_role(
    conn: &mut DbConnection,
    id: i64,
    status: Option<MemberStatus>,
    role: Option<MemberRole>,
) -> QueryResult<()> {
    let now = chrono::Utc::now().naive_utc();
    if let Some(status) = status {
        diesel::update(members::table.find(id))
            .set((members::status.eq(status), members::updated_at.eq(now)))
            .execute(conn)?;
    }
    if let Some(role) = role {
        diesel::update(members::table.find(id))
            .set((members::role.eq(role), members::updated_at.eq(now)))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Default)]
pub struct MemberFilter {
    pub kind: Option<MemberKind>,
    pub status: Option<MemberStatus>,
    pub role: Option<MemberRole>,
    pub text: Option<String>,
}

fn filtered(filter: &MemberFilter) -> members::BoxedQuery<'static, MultiBackend> {
    let mut query = members::table.into_boxed();
    if let Some(kind) = filter.kind {
        query = query.filter(members::kind.eq(kind));
    }
    if let Some(status) = filter.status {
        query = query.filter(members::status.eq(status));
    }
    if let Some(role) = filter.role {
        query = query.filter(members::role.eq(role));
    }
    if let Some(text) = &filter.text {
        let pattern = format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        query = query.filter(
            members::username_key
                .like(pattern.to_lowercase())
                .escape('\\')
                .or(members::display_name.like(pattern.clone()).escape('\\'))
                .or(members::company_name.like(pattern).escape('\\')),
        );
    }
    query
}

pub fn list(
    conn: &mut DbConnection,
    filter: &MemberFilter,
    page: Pagination,
) -> QueryResult<(Vec<Member>, i64)> {
    let total = filtered(filter).count().get_result(conn)?;
    let items = filtered(filter)
        .select(Member::as_select())
        .order(members::id.desc())
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)?;
    Ok((items, total))
}

pub fn add_review(
    conn: &mut DbConnection,
    member_id: i64,
    reviewer_id: i64,
    decision: &str,
    reason: &str,
) -> QueryResult<()> {
    diesel::insert_into(member_reviews::table)
        .values((
            member_reviews::member_id.eq(member_id),
            member_reviews::reviewer_id.eq(reviewer_id),
            member_reviews::decision.eq(decision),
            member_reviews::reason.eq(reason),
            member_reviews::created_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn reviews_of(conn: &mut DbConnection, member_id: i64) -> QueryResult<Vec<MemberReview>> {
    member_reviews::table
        .filter(member_reviews::member_id.eq(member_id))
        .order(member_reviews::id.asc())
        .select(MemberReview::as_select())
        .load(conn)
}

//! An admin's decisions about a member: their status and role, and the review of a pending
//! enterprise member. Each is audited in the same transaction; a change of status or role ends the
//! member's sessions at once.

use super::dto::ReviewDecision;
use super::model::{Member, MemberReview};
use super::queries;
use crate::audit::{self, Entry};
use crate::auth::queries::end_all_sessions;
use crate::auth::{MemberKind, MemberRole, MemberStatus, SignedIn};
use crate::db::{write_transaction, Database};
use crate::domain::parse_text;
use crate::error::ApiError;

const REASON_MAX: usize = 500;

/// An admin who demotes or disables themselves could leave the site without one.
pub fn refuse_own_account(admin: &SignedIn, member_id: i64) -> Result<(), ApiError> {
    if admin.id == member_id {
        return Err(ApiError::forbidden(
            "own_account",
            "admins cannot change their own role or status",
        ));
    }
    Ok(())
}

/// Sets a member's status or role; `None` when there is no such member.
pub async fn update_standing(
    db: &Database,
    admin: &SignedIn,
    id: i64,
    status: Option<MemberStatus>,
    role: Option<MemberRole>,
) -> Result<Option<Member>, ApiError> {
    refuse_own_account(admin, id)?;
    let admin = admin.clone();
    db.run_writing(move |conn| {
        write_transaction(conn, |conn| {
            let Some(before) = queries::find(conn, id)? else {
                return Ok(None);
            };
            queries::set_status_and_role(conn, id, status, role)?;
            let revokes = status.is_some_and(|s| s != before.status)
                || role.is_some_and(|r| r != before.role);
            if revokes {
                end_all_sessions(conn, id)?;
            }
            audit::record(
                conn,
                &admin,
                Entry {
                    action: "member.update",
                    target_type: "member",
                    target_id: id.to_string(),
                    summary: &format!(
                        "{}: status {} → {}, role {} → {}",
                        before.username,
                        before.status,
                        status.unwrap_or(before.status),
                        before.role,
                        role.unwrap_or(before.role)
                    ),
                },
            )?;
            Ok::<_, ApiError>(queries::find(conn, id)?)
        })
    })
    .await
}

/// Approves or rejects a pending enterprise member, keeping the reason; the member and their
/// review history after it.
pub async fn review(
    db: &Database,
    admin: &SignedIn,
    id: i64,
    decision: ReviewDecision,
    reason: &str,
) -> Result<(Member, Vec<MemberReview>), ApiError> {
    let reason = parse_text(reason, REASON_MAX)
        .map_err(|invalid| ApiError::validation("reason", invalid.code, invalid.message))?;
    let admin = admin.clone();
    db.write(move |conn| {
        let Some(member) = queries::find(conn, id)? else {
            return Err(ApiError::NotFound(format!("no member has id {id}")));
        };
        if member.kind != MemberKind::Enterprise || member.status != MemberStatus::Pending {
            return Err(ApiError::conflict(
                "not_pending",
                "only a pending enterprise member can be reviewed",
            ));
        }
        let (decision, new_status) = match decision {
            ReviewDecision::Approve => ("approved", MemberStatus::Active),
            ReviewDecision::Reject => ("rejected", MemberStatus::Rejected),
        };
        queries::set_status_and_role(conn, id, Some(new_status), None)?;
        queries::add_review(conn, id, admin.id, decision, &reason)?;
        audit::record(
            conn,
            &admin,
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
    .await
}

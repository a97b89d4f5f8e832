use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::AuditRow;
use crate::auth::SignedIn;
use crate::db::schema::audit_log;
use crate::db::{DbConnection, MultiBackend};
use crate::domain::Pagination;

/// Summaries are for people scanning a list: long ones are cut.
const SUMMARY_CHARS: usize = 200;

/// One write to record: `action` is `<thing>.<verb>` such as `article.update`.
pub struct Entry<'a> {
    pub action: &'static str,
    pub target_type: &'static str,
    pub target_id: String,
    pub summary: &'a str,
}

pub fn record(conn: &mut DbConnection, actor: &SignedIn, entry: Entry<'_>) -> QueryResult<()> {
    let summary: String = entry.summary.chars().take(SUMMARY_CHARS).collect();
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_id.eq(actor.id),
            audit_log::actor_name.eq(&actor.username),
            audit_log::action.eq(entry.action),
            audit_log::target_type.eq(entry.target_type),
            audit_log::target_id.eq(&entry.target_id),
            audit_log::summary.eq(summary),
            audit_log::created_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub since: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

fn filtered(filter: &AuditFilter) -> audit_log::BoxedQuery<'static, MultiBackend> {
    let mut query = audit_log::table.into_boxed();
    if let Some(actor) = filter.actor_id {
        query = query.filter(audit_log::actor_id.eq(actor));
    }
    if let Some(action) = &filter.action {
        query = query.filter(audit_log::action.eq(action.clone()));
    }
    if let Some(target_type) = &filter.target_type {
        query = query.filter(audit_log::target_type.eq(target_type.clone()));
    }
    if let Some(target_id) = &filter.target_id {
        query = query.filter(audit_log::target_id.eq(target_id.clone()));
    }
    if let Some(since) = filter.since {
        query = query.filter(audit_log::created_at.ge(since));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_log::created_at.lt(until));
    }
    query
}

/// Newest first.
pub fn list(
    conn: &mut DbConnection,
    filter: &AuditFilter,
    page: Pagination,
) -> QueryResult<(Vec<AuditRow>, i64)> {
    let total = filtered(filter).count().get_result(conn)?;
    let items = filtered(filter)
        .order((audit_log::created_at.desc(), audit_log::id.desc()))
        .select(AuditRow::as_select())
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)?;
    Ok((items, total))
}

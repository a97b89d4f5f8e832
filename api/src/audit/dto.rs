use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::AuditRow;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The acting member's id.
    pub actor: Option<i64>,
    /// Such as `article.update`, `category.delete`, `comment.moderate`.
    #[param(example = "article.publish")]
    pub action: Option<String>,
    /// `article`, `category`, `media`, `comment`, `member`, `token` or `settings`.
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    /// At or after this time (RFC 3339).
    pub since: Option<DateTime<Utc>>,
    /// Before this time (RFC 3339).
    pub until: Option<DateTime<Utc>>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

/// One recorded write.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    /// `null` once the member was deleted; `actor_name` stays.
    pub actor_id: Option<i64>,
    pub actor_name: String,
    #[schema(example = "article.publish")]
    pub action: String,
    #[schema(example = "article")]
    pub target_type: String,
    #[schema(example = "42")]
    pub target_id: String,
    pub summary: String,
    pub created_at: DateTime<Utc>,
}

impl From<AuditRow> for AuditEntry {
    fn from(row: AuditRow) -> Self {
        AuditEntry {
            id: row.id,
            actor_id: row.actor_id,
            actor_name: row.actor_name,
            action: row.action,
            target_type: row.target_type,
            target_id: row.target_id,
            summary: row.summary,
            created_at: row.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub total_pages: i64,
}

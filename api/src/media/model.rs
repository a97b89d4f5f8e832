use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::media;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = media)]
pub struct MediaRow {
    pub id: i64,
    pub sha256: String,
    pub content_type: String,
    pub byte_size: i64,
    pub file_name: String,
    pub uploaded_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

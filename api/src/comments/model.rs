use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::comments;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub member_id: i64,
    pub reply_to: Option<i64>,
    pub content: String,
    pub status: String,
    pub client_hash: String,
    pub edited: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = comments)]
pub struct NewComment {
    pub article_id: i64,
    pub member_id: i64,
    pub reply_to: Option<i64>,
    pub content: String,
    pub status: String,
    pub client_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub mod status {
    pub const PENDING: &str = "pending";
    pub const APPROVED: &str = "approved";
    pub const REJECTED: &str = "rejected";
    pub const SPAM: &str = "spam";
}

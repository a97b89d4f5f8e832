use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::prelude::*;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

use crate::db::schema::comments;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub member_id: i64,
    pub reply_to: Option<i64>,
    pub content: String,
    pub status: CommentStatus,
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
    pub status: CommentStatus,
    pub client_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Where a comment stands with the moderators; stored as its lower-case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum CommentStatus {
    Pending,
    Approved,
    Rejected,
    Spam,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Approved => "approved",
            CommentStatus::Rejected => "rejected",
            CommentStatus::Spam => "spam",
        }
    }

    /// `None` for a value this version does not know.
    pub fn parse(stored: &str) -> Option<Self> {
        match stored {
            "pending" => Some(CommentStatus::Pending),
            "approved" => Some(CommentStatus::Approved),
            "rejected" => Some(CommentStatus::Rejected),
            "spam" => Some(CommentStatus::Spam),
            _ => None,
        }
    }
}

// Generic over the backend so the impls serve `DbConnection`'s `MultiBackend` (and each backend
// under it) through the text impls diesel already has.
impl<DB: Backend> ToSql<Text, DB> for CommentStatus
where
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        self.as_str().to_sql(out)
    }
}

impl<DB: Backend> FromSql<Text, DB> for CommentStatus
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let stored = String::from_sql(bytes)?;
        // An unknown value fails the query (a 500 with the cause logged) instead of passing as another status.
        CommentStatus::parse(&stored)
            .ok_or_else(|| format!("unknown comment status {stored:?} in the database").into())
    }
}

#[cfg(test)]
mod tests {
    use diesel::connection::Connection as _;
    use diesel::dsl::sql;
    use diesel::sql_types::Text;
    use diesel::{RunQueryDsl as _, SqliteConnection};

    use super::CommentStatus;
    use crate::db::DbConnection;

    fn read_back(conn: &mut DbConnection, stored: &str) -> diesel::QueryResult<CommentStatus> {
        diesel::select(sql::<Text>("").bind::<Text, _>(stored)).get_result(conn)
    }

    #[test]
    fn every_status_reads_back_what_it_stores_and_unknown_values_are_refused() {
        for status in [
            CommentStatus::Pending,
            CommentStatus::Approved,
            CommentStatus::Rejected,
            CommentStatus::Spam,
        ] {
            assert_eq!(CommentStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(CommentStatus::parse("Approved"), None);
        assert_eq!(CommentStatus::parse(""), None);
    }

    #[test]
    fn a_status_round_trips_through_the_database_and_an_unknown_one_is_an_error() {
        let mut conn = DbConnection::Sqlite(SqliteConnection::establish(":memory:").unwrap());
        let stored: String = diesel::select(sql::<Text>("").bind::<Text, _>(CommentStatus::Spam))
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(stored, "spam");
        assert_eq!(
            read_back(&mut conn, "approved").unwrap(),
            CommentStatus::Approved
        );
        match read_back(&mut conn, "hidden") {
            Err(diesel::result::Error::DeserializationError(cause)) => {
                assert!(
                    format!("{cause:?}").contains("unknown comment status"),
                    "{cause:?}"
                )
            }
            other => panic!("expected a deserialization error, got {other:?}"),
        }
    }
}

//! A member's kind, role and status as the code knows them: enums stored as the same words as
//! always (no migration). They live here, below the features, because the extractors carry them
//! ([`super::SignedIn`]) and every feature that asks who calls reads them; `members::model` stores them.
//! A word the database holds that no variant names is an error, never a panic or a guess.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

/// Maps an enum to its stored word and back, for any backend that stores text
/// (the `MultiConnection` backend delegates to PostgreSQL's and SQLite's own).
macro_rules! stored_as_text {
    ($name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn parse(stored: &str) -> Option<$name> {
                match stored {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<DB> ToSql<Text, DB> for $name
        where
            DB: Backend,
            str: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        impl<DB> FromSql<Text, DB> for $name
        where
            DB: Backend,
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let stored = String::from_sql(bytes)?;
                $name::parse(&stored).ok_or_else(|| {
                    format!(concat!("unknown ", stringify!($name), " {:?}"), stored).into()
                })
            }
        }
    };
}

/// 个人会员 or 企业会员.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum MemberKind {
    Personal,
    Enterprise,
}

stored_as_text!(MemberKind {
    Personal => "personal",
    Enterprise => "enterprise",
});

/// What a member may do beyond their own account: editors edit, admins also manage members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum MemberRole {
    Member,
    Editor,
    Admin,
}

stored_as_text!(MemberRole {
    Member => "member",
    Editor => "editor",
    Admin => "admin",
});

impl MemberRole {
    /// Editors and admins: the staff of the site.
    pub fn is_editor(self) -> bool {
        matches!(self, MemberRole::Editor | MemberRole::Admin)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum MemberStatus {
    Active,
    /// An enterprise member waiting for an admin's review.
    Pending,
    Rejected,
    /// Cannot sign in; every token they hold is refused.
    Disabled,
}

stored_as_text!(MemberStatus {
    Active => "active",
    Pending => "pending",
    Rejected => "rejected",
    Disabled => "disabled",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_reads_back_from_its_stored_word() {
        for kind in MemberKind::ALL {
            assert_eq!(MemberKind::parse(kind.as_str()), Some(*kind));
        }
        for role in MemberRole::ALL {
            assert_eq!(MemberRole::parse(role.as_str()), Some(*role));
        }
        for status in MemberStatus::ALL {
            assert_eq!(MemberStatus::parse(status.as_str()), Some(*status));
        }
    }

    #[test]
    fn the_stored_words_are_the_ones_the_database_already_holds() {
        assert_eq!(MemberKind::Enterprise.as_str(), "enterprise");
        assert_eq!(MemberRole::Editor.as_str(), "editor");
        assert_eq!(MemberStatus::Pending.as_str(), "pending");
    }

    /// Through the `MultiConnection` backend, as the application reads and writes them.
    fn database() -> crate::db::DbConnection {
        use diesel::Connection as _;
        crate::db::DbConnection::Sqlite(
            diesel::SqliteConnection::establish(":memory:").expect("an in-memory database"),
        )
    }

    #[test]
    fn the_database_stores_the_word_and_reads_the_variant_back() {
        use diesel::dsl::sql;
        use diesel::{IntoSql as _, RunQueryDsl as _};
        let mut conn = database();
        let stored: String = diesel::select(MemberRole::Editor.into_sql::<Text>())
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(stored, "editor");
        let read: MemberStatus = diesel::select(sql::<Text>("'pending'"))
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(read, MemberStatus::Pending);
    }

    #[test]
    fn an_unknown_word_in_the_database_is_an_error_not_a_panic() {
        use diesel::dsl::sql;
        use diesel::RunQueryDsl as _;
        let mut conn = database();
        let read = diesel::select(sql::<Text>("'banned'")).get_result::<MemberStatus>(&mut conn);
        let error = read.expect_err("no status is called banned");
        let cause = std::error::Error::source(&error).map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("unknown MemberStatus \"banned\""));
    }

    #[test]
    fn an_unknown_word_is_no_variant() {
        assert_eq!(MemberStatus::parse("banned"), None);
        assert_eq!(MemberRole::parse("Admin"), None);
        assert_eq!(MemberKind::parse(""), None);
    }
}

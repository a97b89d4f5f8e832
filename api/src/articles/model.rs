use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::prelude::*;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

use crate::db::schema::articles;

/// An article's id, where a function also takes another kind of id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleId(pub i64);

/// A revision's id, where a function also takes an article's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevisionId(pub i64);

/// An article row, everything included.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct Article {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: String,
    pub author_note: Option<String>,
    pub source: Option<String>,
    pub summary: String,
    pub body_markdown: String,
    pub body_html: String,
    pub cover_url: Option<String>,
    pub featured: bool,
    pub headline: bool,
    pub pinned: bool,
    pub status: ArticleStatus,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub views: i64,
    pub comment_count: i64,
    pub comments_open: bool,
    pub visibility: Visibility,
    pub version: i64,
    pub deleted_at: Option<NaiveDateTime>,
}

/// What lists need: everything but the bodies (also read by name, from search's SQL).
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = articles)]
pub struct ArticleSummary {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: String,
    pub summary: String,
    pub cover_url: Option<String>,
    pub featured: bool,
    pub headline: bool,
    pub pinned: bool,
    pub published_at: Option<NaiveDateTime>,
    pub views: i64,
    pub comment_count: i64,
    pub visibility: Visibility,
}

/// An editor's list row: the summary plus where the article is in its life.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = articles)]
pub struct EditorialSummary {
    #[diesel(embed)]
    pub summary: ArticleSummary,
    pub status: ArticleStatus,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

/// An article's id and title: a neighbour, or a related article.
pub type TitleLink = (i64, String);

/// An article as editors see it: every field, with its neighbours and related articles.
#[derive(Debug, Clone)]
pub struct EditorsCopy {
    pub article: Article,
    pub older: Option<TitleLink>,
    pub newer: Option<TitleLink>,
    pub related: Vec<TitleLink>,
}

/// Every field an editor sets, for an insert or (with `None` meaning "unchanged") an update.
#[derive(Debug, Default, Clone, Insertable, AsChangeset)]
#[diesel(table_name = articles)]
pub struct ArticleFields {
    pub category_id: Option<i64>,
    pub title: Option<String>,
    pub subtitle: Option<Option<String>>,
    pub author: Option<String>,
    pub author_note: Option<Option<String>>,
    pub source: Option<Option<String>>,
    pub summary: Option<String>,
    pub body_markdown: Option<String>,
    pub body_html: Option<String>,
    pub cover_url: Option<Option<String>>,
    pub featured: Option<bool>,
    pub headline: Option<bool>,
    pub pinned: Option<bool>,
    pub comments_open: Option<bool>,
    pub visibility: Option<Visibility>,
    pub status: Option<ArticleStatus>,
    pub published_at: Option<Option<NaiveDateTime>>,
    pub updated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::db::schema::article_revisions)]
pub struct Revision {
    pub id: i64,
    pub article_id: i64,
    pub editor_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = articles)]
pub struct NewArticle<'a> {
    pub category_id: i64,
    pub title: &'a str,
    pub author: &'a str,
    pub author_note: Option<&'a str>,
    pub summary: &'a str,
    pub body_markdown: &'a str,
    pub body_html: &'a str,
    pub featured: bool,
    pub status: ArticleStatus,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub views: i64,
}

/// Writes an enum stored as text: its variants with their stored texts, `as_str`, `FromStr`, and
/// diesel's mapping for every backend whose `str`/`String` do (so also `MultiBackend`). An unknown
/// stored text is a deserialization error, never a panic.
macro_rules! stored_as_text {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, AsExpression, FromSqlRow)]
        #[diesel(sql_type = Text)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownText;

            fn from_str(text: &str) -> Result<Self, UnknownText> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownText {
                        what: stringify!($name),
                        text: text.to_owned(),
                    }),
                }
            }
        }

        impl<DB: Backend> ToSql<Text, DB> for $name
        where
            str: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        impl<DB: Backend> FromSql<Text, DB> for $name
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                Ok(String::from_sql(bytes)?.parse()?)
            }
        }
    };
}

/// A stored text that names no variant (a database written by something else).
#[derive(Debug, thiserror::Error)]
#[error("{text:?} is not a stored {what}")]
pub struct UnknownText {
    what: &'static str,
    text: String,
}

stored_as_text! {
    /// Where an article is in its life.
    pub enum ArticleStatus {
        Draft => "draft",
        Pending => "pending",
        Published => "published",
        Archived => "archived",
    }
}

impl ArticleStatus {
    /// Forward along draft → pending → published → archived (pending may be skipped), and back to
    /// draft from anywhere; staying put is always allowed.
    pub fn may_move_to(self, to: ArticleStatus) -> bool {
        use ArticleStatus::*;
        self == to
            || to == Draft
            || matches!(
                (self, to),
                (Draft, Pending)
                    | (Draft, Published)
                    | (Pending, Published)
                    | (Published, Archived)
            )
    }
}

impl std::fmt::Display for ArticleStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

stored_as_text! {
    /// Who may read an article's body.
    pub enum Visibility {
        Public => "public",
        Members => "members",
        Enterprise => "enterprise",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_and_visibility_reads_back_from_its_stored_text() {
        use ArticleStatus::*;
        for status in [Draft, Pending, Published, Archived] {
            assert_eq!(status.as_str().parse::<ArticleStatus>().unwrap(), status);
        }
        for visibility in [
            Visibility::Public,
            Visibility::Members,
            Visibility::Enterprise,
        ] {
            assert_eq!(
                visibility.as_str().parse::<Visibility>().unwrap(),
                visibility
            );
        }
    }

    #[test]
    fn an_unknown_stored_text_is_an_error() {
        let error = "Published".parse::<ArticleStatus>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "\"Published\" is not a stored ArticleStatus"
        );
        assert!("secret".parse::<Visibility>().is_err());
    }

    #[test]
    fn the_workflow_moves_forward_or_back_to_draft() {
        use ArticleStatus::*;
        assert!(Draft.may_move_to(Published));
        assert!(Published.may_move_to(Draft));
        assert!(Archived.may_move_to(Archived));
        assert!(!Archived.may_move_to(Published));
        assert!(!Pending.may_move_to(Archived));
    }
}

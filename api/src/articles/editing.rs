//! Editors' operations on articles, below the HTTP layer: create, change if still at a version
//! (with the revision of the text it replaces), trash and purge. Each runs in one write transaction
//! with its audit entry, and answers with the article as editors then see it.

use chrono::NaiveDateTime;

use super::model::{Article, ArticleFields, ArticleId, ArticleStatus, EditorsCopy, RevisionId};
use super::queries;
use super::queries::editorial as editorial_queries;
use super::related;
use super::render::markdown_to_safe_html;
use crate::audit::{self, Entry};
use crate::auth::SignedIn;
use crate::db::{write_transaction, DbConnection};
use crate::error::ApiError;

/// The ETag editors send back in `If-Match`: it names the article's version, not its bytes.
pub fn version_etag(article: &Article) -> String {
    format!("\"a{}v{}\"", article.id, article.version)
}

/// The version an `If-Match` value names, if it is one of article `id`'s ETags.
pub fn parse_version_etag(id: i64, raw: &str) -> Option<i64> {
    let inner = raw.trim().trim_start_matches("W/").trim_matches('"');
    let rest = inner.strip_prefix(&format!("a{id}v"))?;
    rest.parse().ok()
}

/// Article `article` as editors see it, with its neighbours and related articles read on `conn`
/// (in the transaction of the write before it, if any).
pub fn editors_copy(conn: &mut DbConnection, article: Article) -> Result<EditorsCopy, ApiError> {
    let (older, newer) = queries::neighbours(conn, &article)?;
    let in_category = related::read_candidates(conn, Some(article.category_id))?;
    let site = related::read_candidates(conn, None)?;
    let related = related::related(
        article.id,
        &article.title,
        article.category_id,
        &in_category,
        &site,
    )
    .into_iter()
    .map(|link| (link.id, link.title))
    .collect();
    Ok(EditorsCopy {
        article,
        older,
        newer,
        related,
    })
}

/// Any article, whatever its status or trash, as editors see it.
pub fn read(conn: &mut DbConnection, id: i64) -> Result<EditorsCopy, ApiError> {
    let article = find(conn, id)?;
    editors_copy(conn, article)
}

fn find(conn: &mut DbConnection, id: i64) -> Result<Article, ApiError> {
    queries::find_any(conn, id)?
        .ok_or_else(|| ApiError::NotFound(format!("no article has id {id}")))
}

/// What an editor asks to change besides the checked fields.
#[derive(Debug, Default)]
pub struct Change {
    /// The checked fields; `None` leaves one as it is. Its status and publish time are decided
    /// here, from the fields below.
    pub fields: ArticleFields,
    pub status: Option<ArticleStatus>,
    pub published_at: Option<NaiveDateTime>,
    /// Put back the text this revision kept (never together with new text: checked before).
    pub restore_revision: Option<RevisionId>,
    /// Into the trash (`true`) or out of it.
    pub trashed: Option<bool>,
}

/// Creates an article (a draft unless `change.status` says otherwise), audited as
/// `article.create`.
pub fn create(
    conn: &mut DbConnection,
    actor: &SignedIn,
    mut change: Change,
    now: NaiveDateTime,
) -> Result<EditorsCopy, ApiError> {
    let status = change.status.unwrap_or(ArticleStatus::Draft);
    change.fields.status = Some(status);
    change.fields.published_at = Some(publish_time(status, change.published_at, None, now));
    write_transaction(conn, |conn| {
        let id = editorial_queries::insert(conn, &change.fields, now)?;
        let article = queries::find_any(conn, id)?
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("inserted article vanished")))?;
        let summary = format!("[{status}] {}", article.title);
        audit_article(conn, actor, "article.create", id, &summary)?;
        editors_copy(conn, article)
    })
}

/// Applies `change` to article `id` if it is still at `version`: the text it replaces is kept as
/// a revision, the status may only move as the workflow allows, and the audit entry names what
/// happened (published, status changed, revision restored, or updated).
pub fn update_if_version(
    conn: &mut DbConnection,
    actor: &SignedIn,
    id: i64,
    version: i64,
    mut change: Change,
) -> Result<EditorsCopy, ApiError> {
    write_transaction(conn, |conn| {
        let before = find(conn, id)?;
        if before.version != version {
            return Err(ApiError::PreconditionFailed(format!(
                "the article changed since your copy (now at {}): read it again",
                version_etag(&before)
            )));
        }
        let fields = &mut change.fields;
        if let Some(revision_id) = change.restore_revision {
            let revision = editorial_queries::find_revision(conn, ArticleId(id), revision_id)?
                .ok_or_else(|| {
                    ApiError::NotFound(format!("article {id} has no revision {}", revision_id.0))
                })?;
            fields.title = Some(revision.title);
            fields.summary = Some(revision.summary);
            fields.body_markdown = Some(revision.body_markdown);
        }
        if let Some(markdown) = &fields.body_markdown {
            fields.body_html = Some(markdown_to_safe_html(markdown));
        }
        let new_status = change.status.unwrap_or(before.status);
        if !before.status.may_move_to(new_status) {
            return Err(ApiError::conflict(
                "invalid_status_transition",
                format!(
                    "an article cannot move from {} to {new_status}",
                    before.status
                ),
            ));
        }
        fields.status = change.status;
        let now = chrono::Utc::now().naive_utc();
        let published_at = publish_time(new_status, change.published_at, before.published_at, now);
        if published_at != before.published_at {
            fields.published_at = Some(published_at);
        }
        if changes_text(fields, &before) {
            editorial_queries::add_revision(conn, &before, actor.id)?;
        }
        if !editorial_queries::update_if_version(conn, id, version, fields)? {
            return Err(ApiError::PreconditionFailed(
                "the article changed while saving: read it again".into(),
            ));
        }
        if let Some(trashed) = change.trashed {
            editorial_queries::set_trashed(conn, id, trashed.then_some(now))?;
        }
        let after = find(conn, id)?;
        let action = match (before.status, after.status) {
            (from, ArticleStatus::Published) if from != ArticleStatus::Published => {
                "article.publish"
            }
            (from, to) if from != to => "article.status",
            _ if change.restore_revision.is_some() => "article.restore_revision",
            _ => "article.update",
        };
        let summary = if before.status == after.status {
            after.title.clone()
        } else {
            format!("{} → {}: {}", before.status, after.status, after.title)
        };
        audit_article(conn, actor, action, id, &summary)?;
        editors_copy(conn, after)
    })
}

/// Whether `fields` change the text a revision keeps (title, summary, body).
fn changes_text(fields: &ArticleFields, before: &Article) -> bool {
    fields.title.as_ref().is_some_and(|t| *t != before.title)
        || fields
            .summary
            .as_ref()
            .is_some_and(|s| *s != before.summary)
        || fields
            .body_markdown
            .as_ref()
            .is_some_and(|b| *b != before.body_markdown)
}

/// When an article in `new_status` is (or was) published: published articles keep their time
/// unless a new one is given, and get now when they have none.
fn publish_time(
    new_status: ArticleStatus,
    requested: Option<NaiveDateTime>,
    current: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    match requested {
        Some(at) => Some(at),
        None if new_status == ArticleStatus::Published => Some(current.unwrap_or(now)),
        None => current,
    }
}

/// Moves article `id` to the trash, audited as `article.trash`.
pub fn trash(conn: &mut DbConnection, actor: &SignedIn, id: i64) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let article = find(conn, id)?;
        editorial_queries::set_trashed(conn, id, Some(chrono::Utc::now().naive_utc()))?;
        audit_article(conn, actor, "article.trash", id, &article.title)
    })
}

/// Removes article `id` for good with its comments and revisions, audited as `article.purge`.
pub fn purge(conn: &mut DbConnection, actor: &SignedIn, id: i64) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        let article = find(conn, id)?;
        editorial_queries::purge(conn, id)?;
        audit_article(conn, actor, "article.purge", id, &article.title)
    })
}

fn audit_article(
    conn: &mut DbConnection,
    actor: &SignedIn,
    action: &'static str,
    id: i64,
    summary: &str,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        actor,
        Entry {
            action,
            target_type: "article",
            target_id: id.to_string(),
            summary,
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_etag_reads_back_only_for_its_own_article() {
        assert_eq!(parse_version_etag(7, "\"a7v3\""), Some(3));
        assert_eq!(parse_version_etag(7, "W/\"a7v3\""), Some(3));
        assert_eq!(parse_version_etag(8, "\"a7v3\""), None);
        assert_eq!(parse_version_etag(7, "\"a7vx\""), None);
    }

    #[test]
    fn publishing_keeps_an_earlier_publish_time_and_gives_now_to_none() {
        let day = |d| {
            chrono::NaiveDate::from_ymd_opt(2026, 1, d)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
        };
        let published = ArticleStatus::Published;
        assert_eq!(
            publish_time(published, None, Some(day(1)), day(9)),
            Some(day(1))
        );
        assert_eq!(publish_time(published, None, None, day(9)), Some(day(9)));
        assert_eq!(
            publish_time(published, Some(day(5)), Some(day(1)), day(9)),
            Some(day(5))
        );
        assert_eq!(publish_time(ArticleStatus::Draft, None, None, day(9)), None);
    }
}

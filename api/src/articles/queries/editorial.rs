//! Editors' reads and every write of an article. Each write keeps the search index current in the
//! same transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::with_filters;
use super::ArticleFilter;
use crate::articles::model::{
    Article, ArticleFields, ArticleId, ArticleStatus, EditorialSummary, Revision, RevisionId,
    Visibility,
};
use crate::db::schema::{article_revisions, articles};
use crate::db::DbConnection;
use crate::domain::Pagination;
use crate::search::queries as search;

/// A new article from `fields` (what is not given gets its default); returns its id.
pub fn insert(
    conn: &mut DbConnection,
    fields: &ArticleFields,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    let f = fields.clone();
    diesel::insert_into(articles::table)
        .values((
            articles::category_id.eq(f.category_id.unwrap_or_default()),
            articles::title.eq(f.title.unwrap_or_default()),
            articles::subtitle.eq(f.subtitle.flatten()),
            articles::author.eq(f.author.unwrap_or_default()),
            articles::author_note.eq(f.author_note.flatten()),
            articles::source.eq(f.source.flatten()),
            articles::summary.eq(f.summary.unwrap_or_default()),
            articles::body_markdown.eq(f.body_markdown.unwrap_or_default()),
            articles::body_html.eq(f.body_html.unwrap_or_default()),
            articles::cover_url.eq(f.cover_url.flatten()),
            articles::featured.eq(f.featured.unwrap_or(false)),
            articles::headline.eq(f.headline.unwrap_or(false)),
            articles::pinned.eq(f.pinned.unwrap_or(false)),
            articles::comments_open.eq(f.comments_open.unwrap_or(true)),
            articles::visibility.eq(f.visibility.unwrap_or(Visibility::Public)),
            articles::status.eq(f.status.unwrap_or(ArticleStatus::Draft)),
            articles::published_at.eq(f.published_at.flatten()),
            articles::created_at.eq(now),
            articles::updated_at.eq(now),
        ))
        .returning(articles::id)
        .get_result(conn)
        .and_then(|id| {
            search::index_article(conn, id)?;
            Ok(id)
        })
}

/// Applies `fields` if the article is still at `version`, moving it to the next; false when
/// someone else saved first (or it is gone).
pub fn update_if_version(
    conn: &mut DbConnection,
    id: i64,
    version: i64,
    fields: &ArticleFields,
) -> QueryResult<bool> {
    let changed = diesel::update(
        articles::table
            .filter(articles::id.eq(id))
            .filter(articles::version.eq(version)),
    )
    .set((fields.clone(), articles::version.eq(version + 1)))
    .execute(conn)?;
    if changed == 1 {
        search::index_article(conn, id)?;
    }
    Ok(changed == 1)
}

/// Moves an article to the trash (`Some(time)`) or back out (`None`).
pub fn set_trashed(
    conn: &mut DbConnection,
    id: i64,
    at: Option<NaiveDateTime>,
) -> QueryResult<bool> {
    let now = chrono::Utc::now().naive_utc();
    let changed = diesel::update(articles::table.find(id))
        .set((
            articles::deleted_at.eq(at),
            articles::updated_at.eq(now),
            articles::version.eq(articles::version + 1),
        ))
        .execute(conn)?;
    search::index_article(conn, id)?;
    Ok(changed == 1)
}

/// Removes an article for good, with its comments, view buckets and revisions (cascades).
pub fn purge(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    let purged = diesel::delete(articles::table.find(id)).execute(conn)? == 1;
    search::index_article(conn, id)?;
    Ok(purged)
}

/// Keeps the text an article had before a change.
pub fn add_revision(conn: &mut DbConnection, before: &Article, editor_id: i64) -> QueryResult<()> {
    diesel::insert_into(article_revisions::table)
        .values((
            article_revisions::article_id.eq(before.id),
            article_revisions::editor_id.eq(editor_id),
            article_revisions::title.eq(&before.title),
            article_revisions::summary.eq(&before.summary),
            article_revisions::body_markdown.eq(&before.body_markdown),
            article_revisions::created_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// An article's revisions, newest first.
pub fn revisions(conn: &mut DbConnection, article_id: i64) -> QueryResult<Vec<Revision>> {
    article_revisions::table
        .filter(article_revisions::article_id.eq(article_id))
        .order(article_revisions::id.desc())
        .select(Revision::as_select())
        .load(conn)
}

/// Revision `revision_id` if it is one of article `article_id`'s.
pub fn find_revision(
    conn: &mut DbConnection,
    article_id: ArticleId,
    revision_id: RevisionId,
) -> QueryResult<Option<Revision>> {
    article_revisions::table
        .filter(article_revisions::id.eq(revision_id.0))
        .filter(article_revisions::article_id.eq(article_id.0))
        .select(Revision::as_select())
        .first(conn)
        .optional()
}

/// Which articles an editor's list shows, besides the public filters.
#[derive(Debug, Clone, Default)]
pub struct EditorialFilter {
    pub status: Option<ArticleStatus>,
    /// Only the trash, or (false) everything but it.
    pub trashed: bool,
}

/// Every status, most recently changed first.
pub fn editorial_list(
    conn: &mut DbConnection,
    filter: &ArticleFilter,
    editorial: &EditorialFilter,
    page: Pagination,
) -> QueryResult<(Vec<EditorialSummary>, i64)> {
    let base = || {
        let mut query = articles::table.into_boxed();
        query = if editorial.trashed {
            query.filter(articles::deleted_at.is_not_null())
        } else {
            query.filter(articles::deleted_at.is_null())
        };
        if let Some(status) = editorial.status {
            query = query.filter(articles::status.eq(status));
        }
        with_filters(query, filter)
    };
    let total = base().count().get_result(conn)?;
    let items = base()
        .order((articles::updated_at.desc(), articles::id.desc()))
        .select(EditorialSummary::as_select())
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)?;
    Ok((items, total))
}

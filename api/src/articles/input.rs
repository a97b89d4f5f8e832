//! What callers send, checked once at the edge: an editor's article into a [`Change`] (every bad
//! field named at once), and the text filters of the public and the editors' lists.

use super::dto::{ArticleFlag, CreateArticleRequest, UpdateArticleRequest};
use super::editing::Change;
use super::model::ArticleFields;
use super::queries::ArticleFilter;
use super::render::markdown_to_safe_html;
use crate::categories::model::CategoryTree;
use crate::domain::{parse_text, Checks, Invalid};
use crate::error::ApiError;

const TITLE_MAX: usize = 200;
const SHORT_MAX: usize = 100;
const NOTE_MAX: usize = 200;
const SUMMARY_MAX: usize = 1_000;
const BODY_MAX: usize = 200_000;
const URL_MAX: usize = 500;

/// A new article's fields, with every default filled in and its body rendered.
pub fn creation(request: CreateArticleRequest, tree: &CategoryTree) -> Result<Change, ApiError> {
    let mut checks = Checks::default();
    check_category(&mut checks, tree, Some(request.category_id));
    let title = checks.check("title", parse_text(&request.title, TITLE_MAX));
    let body_markdown = checks.check("body_markdown", parse_body(&request.body_markdown));
    let fields = ArticleFields {
        category_id: Some(request.category_id),
        title,
        subtitle: optional_text(&mut checks, "subtitle", request.subtitle, text(TITLE_MAX)),
        author: optional_text(&mut checks, "author", request.author, text(SHORT_MAX))
            .map(Option::unwrap_or_default),
        author_note: optional_text(
            &mut checks,
            "author_note",
            request.author_note,
            text(NOTE_MAX),
        ),
        source: optional_text(&mut checks, "source", request.source, text(SHORT_MAX)),
        summary: optional_text(&mut checks, "summary", request.summary, text(SUMMARY_MAX))
            .map(Option::unwrap_or_default),
        body_html: body_markdown.as_deref().map(markdown_to_safe_html),
        body_markdown,
        cover_url: optional_text(&mut checks, "cover_url", request.cover_url, parse_cover_url),
        featured: request.featured,
        headline: request.headline,
        pinned: request.pinned,
        comments_open: request.comments_open,
        visibility: request.visibility.map(Into::into),
        status: None,
        published_at: None,
        updated_at: None,
    };
    checks.finish()?;
    Ok(Change {
        fields,
        status: request.status.map(Into::into),
        published_at: request.published_at.map(|t| t.naive_utc()),
        ..Change::default()
    })
}

/// The fields an editor changes (absent ones stay as they are); the body is rendered where the
/// change is applied, since a restored revision may bring it.
pub fn change(request: UpdateArticleRequest, tree: &CategoryTree) -> Result<Change, ApiError> {
    let mut checks = Checks::default();
    check_category(&mut checks, tree, request.category_id);
    if request.restore_revision.is_some()
        && (request.title.is_some() || request.summary.is_some() || request.body_markdown.is_some())
    {
        checks.refuse(
            "restore_revision",
            "exclusive",
            "restore a revision or send new text, not both",
        );
    }
    let title = request
        .title
        .as_deref()
        .and_then(|t| checks.check("title", parse_text(t, TITLE_MAX)));
    let body_markdown = request
        .body_markdown
        .as_deref()
        .and_then(|b| checks.check("body_markdown", parse_body(b)));
    let fields = ArticleFields {
        category_id: request.category_id,
        title,
        subtitle: optional_text(&mut checks, "subtitle", request.subtitle, text(TITLE_MAX)),
        author: optional_text(&mut checks, "author", request.author, text(SHORT_MAX))
            .map(Option::unwrap_or_default),
        author_note: optional_text(
            &mut checks,
            "author_note",
            request.author_note,
            text(NOTE_MAX),
        ),
        source: optional_text(&mut checks, "source", request.source, text(SHORT_MAX)),
        summary: optional_text(&mut checks, "summary", request.summary, text(SUMMARY_MAX))
            .map(Option::unwrap_or_default),
        body_html: None,
        body_markdown,
        cover_url: optional_text(&mut checks, "cover_url", request.cover_url, parse_cover_url),
        featured: request.featured,
        headline: request.headline,
        pinned: request.pinned,
        comments_open: request.comments_open,
        visibility: request.visibility.map(Into::into),
        status: None,
        published_at: None,
        updated_at: Some(chrono::Utc::now().naive_utc()),
    };
    checks.finish()?;
    Ok(Change {
        fields,
        status: request.status.map(Into::into),
        published_at: request.published_at.map(|t| t.naive_utc()),
        restore_revision: request.restore_revision.map(super::model::RevisionId),
        trashed: request.trashed,
    })
}

/// An optional text: `Some(None)` clears it (empty or blank), `Some(Some(_))` sets it.
fn optional_text(
    checks: &mut Checks,
    field: &str,
    raw: Option<String>,
    parse: impl Fn(&str) -> Result<String, Invalid>,
) -> Option<Option<String>> {
    let raw = raw?;
    if raw.trim().is_empty() {
        return Some(None);
    }
    checks.check(field, parse(&raw)).map(Some)
}

fn text(max: usize) -> impl Fn(&str) -> Result<String, Invalid> {
    move |raw| parse_text(raw, max)
}

/// A cover or image address: http(s), or a path under `/media/` from an upload.
fn parse_cover_url(raw: &str) -> Result<String, Invalid> {
    let text = parse_text(raw, URL_MAX)?;
    if let Some(path) = text.strip_prefix("/media/") {
        let clean = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            && !path.contains("..");
        return if clean {
            Ok(text)
        } else {
            Err(Invalid::new(
                "format",
                "must be a /media/… path from an upload",
            ))
        };
    }
    match url::Url::parse(&text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(text),
        _ => Err(Invalid::new(
            "format",
            "must be an http(s) address or a /media/… path",
        )),
    }
}

/// A Markdown body: at most `BODY_MAX` characters, no NUL.
pub fn parse_body(raw: &str) -> Result<String, Invalid> {
    if raw.chars().count() > BODY_MAX {
        return Err(Invalid::new(
            "too_long",
            format!("must be at most {BODY_MAX} characters"),
        ));
    }
    if raw.contains('\0') {
        return Err(Invalid::new("characters", "must not contain NUL"));
    }
    Ok(raw.to_owned())
}

fn check_category(checks: &mut Checks, tree: &CategoryTree, id: Option<i64>) {
    if let Some(id) = id {
        if tree.find(&id.to_string()).is_none() {
            checks.refuse("category_id", "not_found", "no category has this id");
        }
    }
}

/// The filters the public and the editors' lists share: a flag, the byline, a text to find.
pub fn text_filters(
    flag: Option<ArticleFlag>,
    author: Option<String>,
    q: Option<String>,
) -> Result<ArticleFilter, ApiError> {
    Ok(ArticleFilter {
        flag: flag.map(Into::into),
        author: without_nul("author", author)?.filter(|a| !a.trim().is_empty()),
        text: without_nul("q", q)?
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty()),
        ..ArticleFilter::default()
    })
}

/// The ids of category `wanted` (an id or slug) and its descendants.
pub fn category_ids(tree: &CategoryTree, wanted: &str) -> Result<Vec<i64>, ApiError> {
    let found = tree
        .find(wanted)
        .ok_or_else(|| ApiError::NotFound(format!("no category is called {wanted}")))?;
    Ok(tree.subtree_ids(found.id))
}

/// A text filter from the query string. No stored text holds a NUL, and PostgreSQL cannot even
/// compare with one (a 500 the fuzzer found): refused as 422 instead.
fn without_nul(field: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    match value {
        Some(v) if v.contains('\0') => Err(ApiError::validation(
            field,
            "characters",
            "must not contain a NUL character",
        )),
        other => Ok(other),
    }
}

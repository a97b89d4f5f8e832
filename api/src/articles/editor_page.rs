//! The article page as editors get it (`GET` by an editor, and every editorial write's answer):
//! never cached, with the ETag that `PATCH` needs in `If-Match`.

use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;

use super::dto::ArticleResponse;
use super::editing;
use super::model::EditorsCopy;
use crate::categories::model::CategoryTree;

/// The article as an editor sees it, never cached, with the ETag `PATCH` needs in `If-Match`.
pub fn editor_response(
    status: StatusCode,
    tree: &CategoryTree,
    copy: EditorsCopy,
    pending_views: i64,
) -> HttpResponse {
    let etag = editing::version_etag(&copy.article);
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .json(ArticleResponse::for_editor(copy, tree, pending_views))
}

//! Listing: the named operation behind `GET /api/v1/articles` and the server-rendered category
//! pages. Reads the filters, counts the matches once per cache period and keeps each page's JSON.

use std::sync::Arc;

use actix_web::web;

use super::dto::{ArticlePage, ArticleSort, ListArticlesQuery};
use super::input;
use super::queries::{self, ArticleFilter, Cursor, Sort};
use crate::db::Database;
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::paging::CachedPage;
use crate::state::AppState;
use crate::swr::SwrCache;

/// One page of a list, as JSON, with how it was asked for.
pub struct Listed {
    pub page: Pagination,
    /// Asked for by `after` (a cursor) rather than by page number.
    pub by_cursor: bool,
    pub cached: Arc<CachedPage>,
}

/// The page of published articles `query` asks for; fails as the endpoint documents.
pub async fn list(
    state: &web::Data<AppState>,
    query: ListArticlesQuery,
) -> Result<Listed, ApiError> {
    let after = match query.after.as_deref() {
        None => None,
        Some(_) if query.page.is_some() => {
            return Err(ApiError::validation(
                "after",
                "cursor_with_page",
                "give either after or page, not both",
            ))
        }
        Some(token) => Some(Cursor::decode(token).ok_or_else(|| {
            ApiError::validation(
                "after",
                "invalid_cursor",
                "not a cursor from next_cursor of this list",
            )
        })?),
    };
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let text_filters = input::text_filters(query.flag, query.author, query.q)?;
    let mut filter = ArticleFilter {
        published_after: query.published_after.map(|t| t.naive_utc()),
        published_before: query.published_before.map(|t| t.naive_utc()),
        sort: match (query.sort, query.period) {
            (None | Some(ArticleSort::Latest), None) => Sort::Latest,
            (Some(ArticleSort::Comments), None) => Sort::Comments,
            (Some(ArticleSort::Views), period) => {
                match period.and_then(|p| p.since(chrono::Utc::now().date_naive())) {
                    Some(since) => Sort::ViewsSince(since),
                    None => Sort::Views,
                }
            }
            (_, Some(_)) => {
                return Err(ApiError::validation(
                    "period",
                    "requires_sort_views",
                    "period applies only to sort=views",
                ))
            }
        },
        after,
        ..text_filters
    };
    if after.is_some() && filter.sort != Sort::Latest {
        return Err(ApiError::validation(
            "after",
            "cursor_needs_latest",
            "a cursor walks the latest order only",
        ));
    }
    let category = query.category.filter(|c| !c.trim().is_empty());

    if let Some(wanted) = category {
        let tree = state.caches.tree(&state.db).await?;
        filter.category_ids = Some(input::category_ids(&tree, &wanted)?);
    }
    let key = format!("{filter:?}|{page:?}");
    let db = state.db.clone();
    let total = list_total(&state.caches.list_totals, &db, &filter).await?;
    let cached = state
        .caches
        .lists
        .get(key, move || async move {
            let by_cursor = filter.after.is_some();
            let latest = filter.sort == Sort::Latest;
            let items = db
                .run(move |conn| Ok(queries::list(conn, &filter, page)?))
                .await?;
            let total_pages = page.total_pages(total);
            // A full page may have a next one (a cursor page cannot tell without counting).
            let more = if by_cursor {
                items.len() as i64 == page.per_page()
            } else {
                page.page() < total_pages
            };
            let next_cursor = items
                .last()
                .filter(|_| latest && more)
                .and_then(Cursor::of)
                .map(|cursor| cursor.encode());
            let body = serde_json::to_vec(&ArticlePage {
                items: items.into_iter().map(Into::into).collect(),
                page: if by_cursor { 0 } else { page.page() },
                per_page: page.per_page(),
                total,
                total_pages,
                next_cursor: next_cursor.clone(),
            })
            .map_err(ApiError::internal)?;
            Ok(CachedPage {
                body,
                total,
                total_pages,
                next_cursor,
            })
        })
        .await?;
    Ok(Listed {
        page,
        by_cursor: after.is_some(),
        cached,
    })
}

/// The number of matches of `filter`, counted once per cache period for all its pages and cursors.
async fn list_total(
    totals: &Arc<SwrCache<i64>>,
    db: &Database,
    filter: &ArticleFilter,
) -> Result<i64, ApiError> {
    // The order and the cursor do not change what matches.
    let matching = ArticleFilter {
        sort: Sort::Latest,
        after: None,
        ..filter.clone()
    };
    let db = db.clone();
    let total = totals
        .get(format!("{matching:?}"), move || async move {
            db.run(move |conn| Ok(queries::count(conn, &matching)?))
                .await
        })
        .await?;
    Ok(*total)
}

//! Searching: the named operation behind `GET /api/v1/search` and the server-rendered `/search`
//! page. Validates the query, counts the hits once per cache period and keeps each page's JSON.

use std::collections::HashMap;

use actix_web::web;

use super::dto::{SearchHit, SearchPage, SearchQuery};
use super::queries::{self, Part, SearchFilter, MAX_HITS};
use super::snippet;
use super::terms::{parse_query, MAX_QUERY_CHARS};
use crate::articles::dto::ArticleListItem;
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::paging::CachedPage;
use crate::state::AppState;

/// One page of hits, as JSON, with the page it is.
pub struct Searched {
    pub page: Pagination,
    pub cached: std::sync::Arc<CachedPage>,
}

/// The page of hits `query` asks for; fails as the endpoint documents.
pub async fn search(state: &web::Data<AppState>, query: SearchQuery) -> Result<Searched, ApiError> {
    let text = query.q.unwrap_or_default();
    if text.contains('\0') {
        return Err(ApiError::validation(
            "q",
            "characters",
            "must not contain a NUL character",
        ));
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::validation(
            "q",
            "too_long",
            "at most 64 characters",
        ));
    }
    let parsed = parse_query(&text);
    if parsed.is_empty() {
        return Err(ApiError::validation(
            "q",
            "required",
            "give at least one letter or digit to search for",
        ));
    }
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    if page.offset() >= MAX_HITS {
        return Err(ApiError::validation(
            "page",
            "beyond_hits",
            "only the first 1,000 hits can be paged: narrow the search",
        ));
    }
    let mut filter = SearchFilter {
        category_ids: None,
        published_after: query.published_after.map(|t| t.naive_utc()),
        published_before: query.published_before.map(|t| t.naive_utc()),
    };
    if let Some(wanted) = query.category.filter(|c| !c.trim().is_empty()) {
        let tree = state.caches.tree(&state.db).await?;
        let found = tree
            .find(&wanted)
            .ok_or_else(|| ApiError::NotFound(format!("no category is called {wanted}")))?;
        filter.category_ids = Some(tree.subtree_ids(found.id));
    }

    // The parsed query is the key: "秘书 " and "秘书" are one search.
    let matching = format!("search|{:?}|{filter:?}", parsed.phrases);
    let db = state.db.clone();
    let count = |part: Option<Part>| {
        let (db, parsed, filter) = (db.clone(), parsed.clone(), filter.clone());
        let key = format!("{matching}|{part:?}");
        let state = state.clone();
        async move {
            let counted = state
                .caches
                .search_totals
                .get(key, move || async move {
                    db.run(move |conn| {
                        let now = chrono::Utc::now().naive_utc();
                        Ok(queries::count(conn, &parsed, &filter, part, now)?)
                    })
                    .await
                })
                .await?;
            Ok::<i64, ApiError>(*counted)
        }
    };
    // Both databases answer the same: totals up to MAX_HITS, pages within them.
    let counted = count(None).await?;
    let total = counted.min(MAX_HITS);
    let totals = queries::Totals {
        in_title: if counted == 0 {
            0
        } else {
            count(Some(Part::Title)).await?
        },
        all: counted,
    };
    let cached = state
        .caches
        .search_pages
        .get(format!("{matching}|{page:?}"), move || async move {
            let needles = parsed.needles.clone();
            let (rows, bodies) = db
                .run(move |conn| {
                    let now = chrono::Utc::now().naive_utc();
                    let rows = queries::search(conn, &parsed, &filter, page, totals, now)?;
                    let ids: Vec<i64> = rows.iter().map(|r| r.article.id).collect();
                    let bodies: HashMap<i64, String> =
                        queries::quotable_bodies(conn, &ids)?.into_iter().collect();
                    Ok((rows, bodies))
                })
                .await?;
            let items = rows
                .into_iter()
                .map(|row| {
                    let article = row.article;
                    let snippet_html = bodies
                        .get(&article.id)
                        .and_then(|body| snippet::snippet(body, &needles))
                        .or_else(|| snippet::snippet(&article.summary, &needles))
                        .unwrap_or_else(|| snippet::opening(&article.summary));
                    SearchHit {
                        title_html: snippet::highlight(&article.title, &needles),
                        snippet_html,
                        in_title: row.in_title,
                        article: ArticleListItem::from(article),
                    }
                })
                .collect();
            let total_pages = page.total_pages(total);
            let body = serde_json::to_vec(&SearchPage {
                items,
                page: page.page(),
                per_page: page.per_page(),
                total,
                total_exact: counted <= MAX_HITS,
                total_pages,
            })
            .map_err(ApiError::internal)?;
            Ok(CachedPage {
                body,
                total,
                total_pages,
                next_cursor: None,
            })
        })
        .await?;
    Ok(Searched { page, cached })
}

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};

use super::dto::{SearchHit, SearchPage, SearchQuery};
use super::queries::{self, Part, SearchFilter, MAX_HITS};
use super::snippet;
use super::terms::{parse_query, MAX_QUERY_CHARS};
use crate::articles::dto::ArticleListItem;
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::openapi::responses::{BadRequest, NotFound, Unavailable, ValidationFailed};
use crate::paging::CachedPage;
use crate::state::AppState;

/// Like the lists: shared caches may keep a page briefly.
const PUBLIC_CACHE: &str = "public, max-age=5";

/// Searches published articles: title, summary and body, Chinese without spaces included.
#[utoipa::path(
    tag = "articles",
    description = "Searches the title, subtitle, summary and body of published articles; Chinese \
        is found without spaces (`秘书` finds 秘书队伍建设). Title hits come first, then the rest, newest \
        first, each with a marked passage. Hits are counted and paged up to the first 1,000. \
        Members-only bodies are not searched.\n\n\
        Fails with 400 when a date cannot be read; 404 when the category does not exist; 422 when \
        `q` is missing, has no letters or digits, is longer than 64 characters or holds a NUL, or \
        `page` or `per_page` is out of range or beyond the first 1,000 hits.",
    params(SearchQuery),
    responses(
        (status = 200, description = "One page of hits: title hits first, then the rest, newest first", body = SearchPage,
            headers(
                ("X-Total-Count" = i64, description = "All hits, on every page"),
                ("Link" = String, description = "`rel=\"next\"` and `rel=\"prev\"` page URLs"),
            )),
        BadRequest, NotFound, ValidationFailed, Unavailable,
    ),
)]
#[get("/search")]
pub async fn search_articles(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
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
    Ok(
        crate::paging::paged_response(&req, page, cached.total, cached.total_pages)
            .insert_header((header::CACHE_CONTROL, PUBLIC_CACHE))
            .content_type("application/json")
            .body(cached.body.clone()),
    )
}

//! The home page and a category's pages: built once per cache period from the API's cached JSON.

use actix_web::web;
use askama::Template as _;
use serde_json::json;

use super::frame::{Common, Island};
use super::head::{breadcrumb_list, category_steps, Head, HeadLink};
use super::prepared::PreparedPage;
use super::views::{CategoryTemplate, HomeTemplate, Pager};
use crate::articles::dto::{ArticlePage, ArticleSort, ListArticlesQuery};
use crate::articles::listing;
use crate::discovery::links;
use crate::error::ApiError;
use crate::state::AppState;

/// As the SPA's `ARTICLES_PER_PAGE`.
const ARTICLES_PER_PAGE: i64 = 20;

pub async fn build_home(
    state: web::Data<AppState>,
    origin: String,
) -> Result<Option<PreparedPage>, ApiError> {
    let mut common = Common::load(&state, origin).await?;
    let mut head = Head::new("", &common.site.name, &common.site.description);
    let home_url = links::absolute(&common.origin, links::HOME);
    head.canonical = Some(home_url.clone());
    head.linked_data(&json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": common.site.name,
        "description": common.site.description,
        "url": home_url,
        "inLanguage": "zh-CN",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}/search?q={{search_term_string}}", common.origin),
            },
            "query-input": "required name=search_term_string",
        },
    }));
    let island = std::mem::replace(&mut common.island, Island::empty()).finish();
    let time = state.config.time;
    let template = HomeTemplate {
        frame: common.frame("/", false, "", island, time),
        head,
        home: &common.home,
        time,
    };
    let html = template.render().map_err(ApiError::internal)?;
    Ok(Some(PreparedPage::new(html)))
}

/// Page `page` of category `slug`; `None` when there is no such category or page.
pub async fn build_category(
    state: web::Data<AppState>,
    origin: String,
    slug: String,
    page: i64,
) -> Result<Option<PreparedPage>, ApiError> {
    let detail = match crate::categories::reading::detail(&state, &slug).await {
        Ok(detail) => detail,
        Err(ApiError::NotFound(_)) => return Ok(None),
        Err(other) => return Err(other),
    };
    let listed = listing::list(
        &state,
        ListArticlesQuery {
            category: Some(slug.clone()),
            sort: Some(ArticleSort::Latest),
            page: Some(page.to_string()),
            per_page: Some(ARTICLES_PER_PAGE.to_string()),
            ..ListArticlesQuery::default()
        },
    )
    .await;
    let listed = match listed {
        Ok(listed) => listed,
        // A page number past what a list may page to.
        Err(ApiError::Validation(_)) => return Ok(None),
        Err(other) => return Err(other),
    };
    let list: ArticlePage =
        serde_json::from_slice(&listed.cached.body).map_err(ApiError::internal)?;
    if page > list.total_pages.max(1) {
        return Ok(None);
    }
    let mut common = Common::load(&state, origin).await?;
    let current = &detail.category;
    let href_for = |n: i64| links::category_page(&current.slug, n);
    let title = if page > 1 {
        format!("{}（第{page}页）", current.name)
    } else {
        current.name.clone()
    };
    let description = if current.description.trim().is_empty() {
        format!("{}的{}栏目文章", common.site.name, current.name)
    } else {
        current.description.clone()
    };
    let mut head = Head::new(&title, &common.site.name, &description);
    head.canonical = Some(links::absolute(&common.origin, &href_for(page)));
    if page > 1 {
        head.links.push(HeadLink {
            rel: "prev",
            href: links::absolute(&common.origin, &href_for(page - 1)),
        });
    }
    if page < list.total_pages {
        head.links.push(HeadLink {
            rel: "next",
            href: links::absolute(&common.origin, &href_for(page + 1)),
        });
    }
    let steps = category_steps(&common.origin, &common.site.name, &detail.breadcrumb);
    head.linked_data(&breadcrumb_list(&steps));

    common.island.serialized("category", &detail)?;
    let mut listed_json = Vec::from(&b"{\"page\":"[..]);
    listed_json.extend_from_slice(page.to_string().as_bytes());
    listed_json.extend_from_slice(b",\"list\":");
    listed_json.extend_from_slice(&listed.cached.body);
    listed_json.push(b'}');
    common.island.field("category_articles", &listed_json);
    let island = std::mem::replace(&mut common.island, Island::empty()).finish();
    let time = state.config.time;
    let path = href_for(1);
    let template = CategoryTemplate {
        frame: common.frame(&path, true, "", island, time),
        head,
        detail: &detail,
        list: &list,
        page,
        pager: Pager::new(page, list.total_pages, href_for),
        time,
    };
    let html = template.render().map_err(ApiError::internal)?;
    Ok(Some(PreparedPage::new(html)))
}

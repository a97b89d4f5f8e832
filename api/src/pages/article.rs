//! The article page: built once per cache period from the article's cached JSON, its first page of
//! comments and the layout, then served with its current count and a nonce filled in.

use actix_web::web;
use askama::Template as _;
use serde_json::json;

use super::cache::article_key;
use super::frame::Common;
use super::head::{absolute, breadcrumb_list, category_steps, ArticleMeta, Head};
use super::prepared::{PreparedPage, Source, VIEWS_MARK};
use super::views::{ArticleTemplate, Shown};
use crate::articles::dto::{ArticleResponse, ArticleVisibility};
use crate::articles::page::CachedArticle;
use crate::articles::reading;
use crate::articles::render::markdown_to_plain_text;
use crate::comments::dto::CommentPage;
use crate::comments::reading::approved_comments;
use crate::discovery::links;
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::state::AppState;

/// The count the page is rendered with, found again in the island's JSON to become a hole.
const VIEWS_PLACEHOLDER: i64 = i64::MIN;
/// As the SPA's `COMMENTS_PER_PAGE`: the island's comments are the page it would ask for.
const COMMENTS_PER_PAGE: i64 = 10;

/// The rendered page of article `id` as `origin` links it; `None` when no public article has it.
pub async fn build(
    state: web::Data<AppState>,
    origin: String,
    id: i64,
) -> Result<Option<PreparedPage>, ApiError> {
    let cached = reading::public_article(&state, id).await?;
    let Some(cached) = cached.as_ref() else {
        return Ok(None);
    };
    // The anonymous reader's copy: a members-only body never reaches the page or its island.
    let article: ArticleResponse = match cached {
        CachedArticle::Public(page) => {
            let (json, _) = page.with_views(VIEWS_PLACEHOLDER);
            serde_json::from_slice(&json).map_err(ApiError::internal)?
        }
        CachedArticle::Restricted(article) => ArticleResponse {
            views: VIEWS_PLACEHOLDER,
            ..ArticleResponse::clone(article)
        }
        .withheld(),
    };
    // The article counts its approved comments (kept in the same transaction as each change): most
    // articles have none, and their page costs no query for them.
    let first_page = Pagination::new(1, COMMENTS_PER_PAGE);
    let (items, total) = if article.comment_count > 0 {
        state
            .db
            .run(move |conn| approved_comments(conn, id, first_page))
            .await?
    } else {
        (Vec::new(), 0)
    };
    let comments = CommentPage {
        items,
        page: 1,
        per_page: COMMENTS_PER_PAGE,
        total,
        total_pages: first_page.total_pages(total),
    };
    let mut common = Common::load(&state, origin).await?;
    let time = state.config.time;
    // The reader's page shows the HTML; the Markdown source would double the island's largest part.
    let for_island = ArticleResponse {
        body_markdown: None,
        ..ArticleResponse::clone(&article)
    };
    common.island.serialized("article", &for_island)?;
    common.island.serialized("comments", &comments)?;
    let island = std::mem::replace(&mut common.island, super::frame::Island::empty())
        .finish()
        .replacen(
            &format!("\"views\":{VIEWS_PLACEHOLDER}"),
            &format!("\"views\":{VIEWS_MARK}"),
            1,
        );
    let path = links::article(article.id);
    let frame = common.frame(&path, true, "", island, time);
    // The island holds every answer the page is drawn from; with the day and the assets, the rest.
    let source = Source::of(&[
        frame.island.as_bytes(),
        frame.today.as_bytes(),
        frame.assets.as_bytes(),
    ]);
    let kept = state
        .caches
        .pages
        .articles
        .peek(&article_key(&common.origin, id));
    if let Some(page) = kept.as_deref().and_then(Option::as_ref) {
        if page.is_from(source) {
            return Ok(Some(page.clone()));
        }
    }

    let url = links::absolute(&common.origin, &links::article(article.id));
    let summary = article.summary.trim();
    let description = if summary.is_empty() {
        // Cut to its length by `Head::new`; the withheld copy of a members-only article has none.
        article
            .body_markdown
            .as_deref()
            .map(markdown_to_plain_text)
            .unwrap_or_default()
    } else {
        summary.to_owned()
    };
    let mut head = Head::new(&article.title, &common.site.name, &description);
    head.canonical = Some(url.clone());
    head.og_type = "article";
    head.image = article
        .cover_url
        .as_deref()
        .and_then(|cover| absolute(&common.origin, cover));
    let published = article.published_at.unwrap_or(article.created_at);
    let section = article
        .breadcrumb
        .last()
        .map(|step| step.name.clone())
        .unwrap_or_default();
    head.article = Some(ArticleMeta {
        published: time.rfc3339(published),
        modified: time.rfc3339(article.updated_at),
        section: section.clone(),
        author: article.author.clone(),
    });
    let logo = format!("{}/favicon.svg", common.origin);
    let mut news = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": head.description,
        "datePublished": time.rfc3339(published),
        "dateModified": time.rfc3339(article.updated_at),
        "articleSection": section,
        "inLanguage": "zh-CN",
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "publisher": {
            "@type": "Organization",
            "name": common.site.name,
            "logo": { "@type": "ImageObject", "url": logo },
        },
        "isAccessibleForFree": article.visibility == ArticleVisibility::Public,
    });
    if !article.author.is_empty() {
        news["author"] = json!({ "@type": "Person", "name": article.author });
    } else {
        news["author"] = json!({ "@type": "Organization", "name": common.site.name });
    }
    news["image"] = json!([head.image.clone().unwrap_or(logo)]);
    head.linked_data(&news);
    let mut steps = category_steps(&common.origin, &common.site.name, &article.breadcrumb);
    steps.push((article.title.clone(), url));
    head.linked_data(&breadcrumb_list(&steps));

    let template = ArticleTemplate {
        frame,
        head,
        article: &article,
        published: article.published_at.map(|at| Shown {
            machine: crate::site_time::machine(at),
            shown: time.date(at),
        }),
        enterprise: article.restricted == Some(ArticleVisibility::Enterprise),
        comments: &comments,
        time,
    };
    let html = template.render().map_err(ApiError::internal)?;
    Ok(Some(PreparedPage::new(html).rendered_from(source)))
}

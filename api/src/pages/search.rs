//! The search page: the cached JSON of a search, rendered per request (search pages are many and
//! each is `noindex`); a refused search says why, as the SPA does.

use actix_web::web;
use askama::Template as _;

use super::frame::{Common, Island};
use super::head::Head;
use super::views::{CategoryOption, Pager, SearchOutcome, SearchTemplate};
use crate::error::ApiError;
use crate::search::dto::{SearchPage, SearchQuery};
use crate::search::searching;
use crate::state::AppState;

/// As the SPA's `RESULTS_PER_PAGE`.
const RESULTS_PER_PAGE: i64 = 20;

/// What the reader asked for in the address.
pub struct Asked {
    pub q: String,
    pub category: String,
    pub page: i64,
}

pub async fn render(
    state: &web::Data<AppState>,
    origin: String,
    asked: &Asked,
) -> Result<String, ApiError> {
    let mut common = Common::load(state, origin).await?;
    let q = asked.q.trim();
    let (outcome_json, refused) = if q.is_empty() {
        (None, None)
    } else {
        let query = SearchQuery {
            q: Some(q.to_owned()),
            category: (!asked.category.is_empty()).then(|| asked.category.clone()),
            page: Some(asked.page.to_string()),
            per_page: Some(RESULTS_PER_PAGE.to_string()),
            ..SearchQuery::default()
        };
        match searching::search(state, query).await {
            Ok(found) => (Some(found.cached), None),
            Err(ApiError::Validation(errors)) => (None, Some(refusal(&errors))),
            Err(ApiError::NotFound(_)) => (None, Some("所选栏目不存在，可能已被删除或改名。")),
            Err(other) => return Err(other),
        }
    };
    let results: Option<SearchPage> = outcome_json
        .as_ref()
        .map(|cached| serde_json::from_slice(&cached.body))
        .transpose()
        .map_err(ApiError::internal)?;
    if let Some(cached) = &outcome_json {
        let mut json = Vec::from(&b"{\"q\":"[..]);
        json.extend_from_slice(&serde_json::to_vec(q).map_err(ApiError::internal)?);
        json.extend_from_slice(b",\"category\":");
        let category = (!asked.category.is_empty()).then_some(asked.category.as_str());
        json.extend_from_slice(&serde_json::to_vec(&category).map_err(ApiError::internal)?);
        json.extend_from_slice(format!(",\"page\":{},\"results\":", asked.page).as_bytes());
        json.extend_from_slice(&cached.body);
        json.push(b'}');
        common.island.field("search", &json);
    }
    let heading = if q.is_empty() {
        "搜索".to_owned()
    } else {
        format!("搜索“{q}”")
    };
    let title = if asked.page > 1 && !q.is_empty() {
        format!("{heading}（第{}页）", asked.page)
    } else {
        heading.clone()
    };
    let mut head = Head::new(&title, &common.site.name, &common.site.description);
    head.noindex = true;
    let total_pages = results.as_ref().map_or(0, |r| r.total_pages);
    let href_for = |n: i64| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("q", q);
        if !asked.category.is_empty() {
            query.append_pair("category", &asked.category);
        }
        if n > 1 {
            query.append_pair("page", &n.to_string());
        }
        format!("/search?{}", query.finish())
    };
    let outcome = match (&results, refused) {
        (Some(results), _) => SearchOutcome::Found(results),
        (None, Some(message)) => SearchOutcome::Refused(message.to_owned()),
        (None, None) => SearchOutcome::NoQuery,
    };
    let categories = common
        .categories
        .items
        .iter()
        .map(|c| CategoryOption {
            slug: c.slug.clone(),
            label: format!("{}{}", "　".repeat(c.depth.max(0) as usize), c.name),
        })
        .collect();
    let island = std::mem::replace(&mut common.island, Island::empty()).finish();
    let time = state.config.time;
    let template = SearchTemplate {
        frame: common.frame("/search", true, q, island, time),
        head,
        heading,
        outcome,
        categories,
        all_categories: &common.categories.items,
        category: &asked.category,
        page: asked.page,
        pager: Pager::new(asked.page, total_pages, href_for),
        time,
    };
    template.render().map_err(ApiError::internal)
}

/// The SPA's words for a refused search (`features/search/server-errors.ts`).
fn refusal(errors: &[crate::error::FieldError]) -> &'static str {
    let Some(error) = errors.iter().find(|e| e.field == "q").or(errors.first()) else {
        return "搜索条件有误，请重新输入要搜索的文字。";
    };
    if error.field != "q" {
        return "搜索条件有误，请重新输入要搜索的文字。";
    }
    match error.code.as_str() {
        "required" => "请输入要搜索的文字：至少包含一个汉字、字母或数字，标点和空格不能单独搜索。",
        "too_long" => "搜索的文字太长，请不要超过 64 个字。",
        "characters" => "搜索的文字中有无法识别的字符，请删除后重试。",
        _ => "无法按这些文字搜索，请换个说法再试。",
    }
}

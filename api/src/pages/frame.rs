//! What every server-rendered page shares: the SPA's assets, the site, the navigation, the
//! sidebar's category blocks and the data island's common part, read from the API's own caches.

use std::sync::Arc;

use actix_web::web;
use chrono::{Datelike as _, Utc};

use crate::categories::dto::CategoryListResponse;
use crate::discovery::links;
use crate::error::ApiError;
use crate::home::dto::{CategoryBlock, HomeResponse};
use crate::site::dto::SiteResponse;
use crate::site_time::SiteTime;
use crate::state::AppState;

/// The SPA's `TITLES_PER_CATEGORY`: the island's home blocks are the ones it would ask for.
pub const HOME_TITLES_PER_CATEGORY: i64 = 10;

/// The data shared by every page, before a page adds its own.
pub struct Common {
    pub origin: String,
    pub assets: Arc<str>,
    pub site: SiteResponse,
    pub categories: CategoryListResponse,
    pub home: HomeResponse,
    /// The same three as JSON, for the island.
    pub island: Island,
}

/// The layout's values, as the templates read them.
pub struct Frame<'a> {
    pub assets: &'a str,
    pub site_name: &'a str,
    pub site_description: &'a str,
    pub nav: Vec<NavItem>,
    pub today: String,
    /// The categories' latest titles beside inner pages; none on the home page, which shows them.
    pub sidebar_blocks: Option<&'a [CategoryBlock]>,
    pub search_q: &'a str,
    pub island: String,
}

pub struct NavItem {
    pub href: String,
    pub label: String,
    pub active: bool,
}

/// The data island's JSON object, built from the API's own JSON.
pub struct Island {
    json: Vec<u8>,
}

impl Island {
    pub fn empty() -> Self {
        Island { json: vec![b'{'] }
    }

    /// Adds `"name": json`; `json` must be one JSON value.
    pub fn field(&mut self, name: &str, json: &[u8]) {
        if self.json.len() > 1 {
            self.json.push(b',');
        }
        self.json.push(b'"');
        self.json.extend_from_slice(name.as_bytes());
        self.json.extend_from_slice(b"\":");
        self.json.extend_from_slice(json);
    }

    pub fn serialized(
        &mut self,
        name: &str,
        value: &impl serde::Serialize,
    ) -> Result<(), ApiError> {
        let json = serde_json::to_vec(value).map_err(ApiError::internal)?;
        self.field(name, &json);
        Ok(())
    }

    /// The object, made safe inside `<script>`.
    pub fn finish(mut self) -> String {
        self.json.push(b'}');
        super::island::script_safe(&self.json)
    }
}

impl Common {
    /// What every page shares, linked from `origin` (see [`crate::public_url::origin`]).
    pub async fn load(state: &web::Data<AppState>, origin: String) -> Result<Self, ApiError> {
        let settings = state.caches.discovery.site(&state.db).await?;
        let site = SiteResponse::new(&settings, state.config.time);
        let categories = crate::categories::reading::list(state).await?;
        let home_json = crate::home::reading::home(state, HOME_TITLES_PER_CATEGORY).await?;
        let home: HomeResponse = serde_json::from_slice(&home_json).map_err(ApiError::internal)?;
        let assets = state.web_dir.page_assets().await?;
        let mut island = Island::empty();
        island.serialized("site", &site)?;
        island.serialized("categories", &categories)?;
        island.field("home", &home_json);
        Ok(Common {
            origin,
            assets,
            site,
            categories,
            home,
            island,
        })
    }

    /// The layout for a page at `path` (for the active navigation link).
    pub fn frame<'a>(
        &'a self,
        path: &str,
        sidebar: bool,
        search_q: &'a str,
        island: String,
        time: SiteTime,
    ) -> Frame<'a> {
        let mut nav = vec![NavItem {
            href: "/".into(),
            label: "首页".into(),
            active: path == "/",
        }];
        nav.extend(
            self.categories
                .items
                .iter()
                .filter(|c| c.depth == 0)
                .map(|c| {
                    let href = links::category(&c.slug);
                    NavItem {
                        active: path == href || path.starts_with(&format!("{href}/")),
                        href,
                        label: c.name.clone(),
                    }
                }),
        );
        Frame {
            assets: &self.assets,
            site_name: &self.site.name,
            site_description: &self.site.description,
            nav,
            today: today(time),
            sidebar_blocks: sidebar.then_some(self.home.categories.as_slice()),
            search_q,
            island,
        }
    }
}

/// "2026年12月8日星期二", as the SPA's `Intl.DateTimeFormat('zh-CN', { dateStyle: 'full' })` says it.
fn today(time: SiteTime) -> String {
    const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    let now = time.local(Utc::now());
    format!(
        "{}年{}月{}日星期{}",
        now.year(),
        now.month(),
        now.day(),
        WEEKDAYS[now.weekday().num_days_from_monday() as usize]
    )
}

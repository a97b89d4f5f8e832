//! Helpers for tests of the server-rendered reader pages: a newsroom (the app with a stand-in for
//! the built SPA, its read caches off, an editor and a moderator) that makes content through the
//! API, and a page fetched and read with a real HTML parser — its JSON-LD and data island as JSON.

use reqwest::header::HeaderMap;
use reqwest::Method;
use scraper::{ElementRef, Html, Selector};
use serde_json::{json, Value};

use crate::fixtures::fake_dist;
use crate::members::{Session, PASSWORD};
use crate::requests::ApiClient;
use crate::{Backend, TestApp};

/// What the 404 page says in its heading.
pub const NOT_FOUND_HEADING: &str = "页面不存在";

/// A reader's page as the server answered it, parsed.
pub struct Page {
    pub path: String,
    pub status: u16,
    pub headers: HeaderMap,
    /// The response body as it came, for checks on the bytes (what must never be sent at all).
    pub html: String,
    pub document: Html,
}

impl ApiClient {
    /// `GET path` as a browser asks for a page, whatever the answer (unencoded: no Accept-Encoding).
    pub async fn page(&self, path: &str) -> Page {
        self.fetch_page(path, None).await
    }

    /// `GET path` with the `Accept-Encoding` a browser sends; the body inflated when the answer says
    /// `Content-Encoding: gzip` (this client decodes nothing by itself), with that header kept.
    pub async fn page_as_browsers_ask(&self, path: &str) -> Page {
        self.fetch_page(path, Some("gzip, deflate, br, zstd")).await
    }

    async fn fetch_page(&self, path: &str, accept_encoding: Option<&str>) -> Page {
        use std::io::Read as _;
        let mut request = self
            .client
            .get(self.url(path))
            .header("Accept", "text/html");
        if let Some(accepted) = accept_encoding {
            request = request.header("Accept-Encoding", accepted);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap();
        let html = match headers.get("content-encoding").map(|v| v.to_str().unwrap()) {
            Some("gzip") => {
                let mut html = String::new();
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_string(&mut html)
                    .unwrap_or_else(|e| panic!("{path}: a valid gzip member ({e})"));
                html
            }
            None => {
                String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{path}: UTF-8 ({e})"))
            }
            Some(other) => panic!("{path}: an encoding this test reads, not {other}"),
        };
        Page {
            path: path.to_owned(),
            status,
            headers,
            document: Html::parse_document(&html),
            html,
        }
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("a valid selector {css:?}: {e}"))
}

/// An element's text with its runs of white space made one space, as a reader sees it.
pub fn text_of(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Page {
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.document.select(&selector(css)).collect()
    }

    /// The one element `css` selects; fails when there is none or more than one.
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(found.len(), 1, "{}: one {css}", self.path);
        found[0]
    }

    /// The text of each element `css` selects.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(text_of).collect()
    }

    /// The text of the one element `css` selects.
    pub fn text(&self, css: &str) -> String {
        text_of(self.one(css))
    }

    /// The text and `href` of each link `css` selects.
    pub fn links(&self, css: &str) -> Vec<(String, String)> {
        self.select(css)
            .into_iter()
            .map(|a| {
                (
                    text_of(a),
                    a.value().attr("href").unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    /// The `content` of the `<meta>` whose `key` (`name` or `property`) is `value`; there must be
    /// one at most.
    pub fn meta(&self, key: &str, value: &str) -> Option<String> {
        let found = self.select(&format!("head meta[{key}=\"{value}\"]"));
        assert!(found.len() <= 1, "{}: one meta {key}={value}", self.path);
        found
            .first()
            .and_then(|m| m.value().attr("content"))
            .map(str::to_owned)
    }

    /// The `href` of the head's `<link rel=…>`; there must be one at most.
    pub fn head_link(&self, rel: &str) -> Option<String> {
        let found = self.select(&format!("head link[rel=\"{rel}\"]"));
        assert!(found.len() <= 1, "{}: one link rel={rel}", self.path);
        found
            .first()
            .and_then(|l| l.value().attr("href"))
            .map(str::to_owned)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The data island: the one `<script id="kanwu-data" type="application/json">`, parsed.
    pub fn island(&self) -> Value {
        let script = self.one("script#kanwu-data");
        assert_eq!(script.value().attr("type"), Some("application/json"));
        let json: String = script.text().collect();
        serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{}: the island is JSON ({e}): {json}", self.path))
    }

    /// The `nonce` attribute of the data island.
    pub fn island_nonce(&self) -> String {
        let script = self.one("script#kanwu-data");
        script.value().attr("nonce").unwrap_or_default().to_owned()
    }

    /// Every `<script type="application/ld+json">`, parsed.
    pub fn linked_data(&self) -> Vec<Value> {
        self.select("script[type=\"application/ld+json\"]")
            .into_iter()
            .map(|script| {
                let json: String = script.text().collect();
                serde_json::from_str(&json)
                    .unwrap_or_else(|e| panic!("{}: JSON-LD is JSON ({e}): {json}", self.path))
            })
            .collect()
    }

    /// The one JSON-LD object of schema.org type `kind`.
    pub fn linked(&self, kind: &str) -> Value {
        let found: Vec<Value> = self
            .linked_data()
            .into_iter()
            .filter(|v| v["@type"] == kind)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{}: one {kind} in {:?}",
            self.path,
            self.linked_data()
        );
        assert_eq!(found[0]["@context"], "https://schema.org");
        found[0].clone()
    }

    /// The `'nonce-…'` of the `script-src` of the one Content-Security-Policy, after checking that
    /// it allows no inline script.
    pub fn script_nonce(&self) -> String {
        let policies: Vec<_> = self
            .headers
            .get_all("content-security-policy")
            .iter()
            .collect();
        assert_eq!(policies.len(), 1, "{}: one policy", self.path);
        let policy = policies[0].to_str().unwrap();
        let script_src = policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src "))
            .unwrap_or_else(|| panic!("{}: a script-src in {policy}", self.path));
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        let nonces: Vec<&str> = script_src
            .split_whitespace()
            .filter_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
            .collect();
        assert_eq!(nonces.len(), 1, "{script_src}");
        nonces[0].to_owned()
    }

    /// The answer is the 404 page: status 404, HTML, its heading.
    pub fn assert_not_found_page(&self) {
        assert_eq!(self.status, 404, "{}", self.path);
        assert_eq!(
            self.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{}",
            self.path
        );
        assert_eq!(self.text("main h1"), NOT_FOUND_HEADING, "{}", self.path);
    }
}

/// An app serving the SPA's stand-in with its read caches off (every page reflects the last
/// write), the admin `chief` (the moderator) and the editor `desk-editor`.
pub struct Newsroom {
    pub app: TestApp,
    pub admin: Session,
    pub editor: Session,
    _dist: tempfile::TempDir,
}

/// A [`Newsroom`] with `settings` on top of the test settings.
pub async fn newsroom(backend: Backend, settings: &[(&str, &str)]) -> Newsroom {
    let dist = fake_dist();
    let web_dir = dist.path().display().to_string();
    let mut all = vec![
        ("KANWU_WEB_DIR", web_dir.as_str()),
        ("KANWU_READ_CACHE_MS", "0"),
        ("KANWU_COMMENT_INTERVAL_SECS", "0"),
    ];
    all.extend_from_slice(settings);
    let app = TestApp::spawn_with(backend, &all).await;
    let admin = app.admin("chief", PASSWORD).await;
    let editor = app.editor(&admin, "desk-editor").await;
    Newsroom {
        app,
        admin,
        editor,
        _dist: dist,
    }
}

impl Newsroom {
    /// A category the editor creates; its id.
    pub async fn category(&self, name: &str, slug: &str, parent_id: Option<i64>) -> i64 {
        let response = self
            .app
            .send_as(
                Method::POST,
                "/api/v1/categories",
                &self.editor.access_token,
                json!({"name": name, "slug": slug, "parent_id": parent_id}),
            )
            .await;
        assert_eq!(response.status(), 201, "category {slug}");
        response.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap()
    }

    /// An article the editor creates from `fields` (published unless they say otherwise); its id.
    pub async fn article(&self, mut fields: Value) -> i64 {
        if fields.get("status").is_none() {
            fields["status"] = json!("published");
        }
        let (created, _) = self
            .app
            .created_article(&self.editor.access_token, fields)
            .await;
        created["id"].as_i64().unwrap()
    }

    /// A public article published at `published_at` (RFC 3339); its id.
    pub async fn published(
        &self,
        category_id: i64,
        title: &str,
        body: &str,
        published_at: &str,
    ) -> i64 {
        self.article(json!({
            "category_id": category_id, "title": title, "body_markdown": body,
            "published_at": published_at,
        }))
        .await
    }

    /// A comment `member` posts under `article`, approved by the moderator; its id.
    pub async fn approved_comment(&self, member: &Session, article: i64, content: &str) -> i64 {
        let id = self.pending_comment(member, article, content).await;
        let approved = self
            .app
            .send_as(
                Method::PATCH,
                &format!("/api/v1/admin/comments/{id}"),
                &self.admin.access_token,
                json!({"status": "approved"}),
            )
            .await;
        assert!(approved.status().is_success(), "approve {content:?}");
        id
    }

    /// A comment a new member posts, waiting for moderation; its id.
    pub async fn pending_comment(&self, member: &Session, article: i64, content: &str) -> i64 {
        let created = self
            .app
            .comment(&member.access_token, article, content)
            .await;
        assert_eq!(
            created["status"], "pending",
            "{content:?} waits for a moderator"
        );
        created["id"].as_i64().unwrap()
    }

    /// The article as an anonymous reader gets it from the API.
    pub async fn read(&self, article: i64) -> Value {
        let response = self
            .app
            .get(&format!("/api/v1/articles/{article}"))
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// `GET /api/v1/site`.
    pub async fn site(&self) -> Value {
        self.app
            .get("/api/v1/site")
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The address pages link from when no public URL is set: the one the test asked on.
    pub fn origin(&self) -> String {
        self.app.address.clone()
    }

    pub async fn stop(self) {
        self.app.stop().await;
    }
}

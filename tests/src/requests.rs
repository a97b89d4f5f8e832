//! Typed requests to a running Kanwu, however it was started: [`crate::TestApp`],
//! [`crate::InProcessApp`] and [`crate::process::KanwuProcess`] dereference to an [`ApiClient`].
//!
//! Each request's shape (path, headers, body) is written once, as a `…_request` builder; the
//! helpers built on it panic on whatever the test did not expect. A load that outlives the server
//! (a fault test) sends the builders itself and counts only what was answered.
//!
//! The requests of a topic sit with it: members and sessions in [`crate::members`], article
//! writes in [`crate::editorial`]; reading, views, comments and uploads here.

use std::time::{Duration, Instant};

use reqwest::{Method, RequestBuilder, Response};
use serde_json::{json, Value};

use crate::members::BROWSER;

/// A client of one server.
#[derive(Debug, Clone)]
pub struct ApiClient {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    pub client: reqwest::Client,
}

impl ApiClient {
    /// A client of the server at `address` that follows no redirects (tests look at them).
    pub fn new(address: String) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self::with_client(address, client)
    }

    /// A client of the server at `address` with the test's own settings (a timeout, say).
    pub fn with_client(address: String, client: reqwest::Client) -> Self {
        ApiClient { address, client }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Result<Response> {
        self.client.get(self.url(path)).send().await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn send_as(&self, method: Method, path: &str, token: &str, body: Value) -> Response {
        self.client
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// The status `/readyz` answers, or 0 when nothing answers.
    pub async fn readiness(&self) -> u16 {
        match self.get("/readyz").await {
            Ok(response) => response.status().as_u16(),
            Err(_) => 0,
        }
    }

    /// Whether `/readyz` says 200 within `within` (asked every 50 ms).
    pub async fn ready_within(&self, within: Duration) -> bool {
        let started = Instant::now();
        loop {
            if self.readiness().await == 200 {
                return true;
            }
            if started.elapsed() >= within {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// `POST /api/v1/articles/{article}/views` from a reader with `user_agent`.
    pub fn view_request(&self, article: i64, user_agent: &str) -> RequestBuilder {
        self.client
            .post(self.url(&format!("/api/v1/articles/{article}/views")))
            .header("User-Agent", user_agent)
    }

    /// Posts a view and returns the answer (`counted`, `views`), which must be a 200.
    pub async fn post_view(&self, article: i64, user_agent: &str) -> Value {
        let response = self.view_request(article, user_agent).send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// `POST /api/v1/articles/{article}/comments` as `token`, from a browser; `body` carries the
    /// content and a captcha.
    pub fn comment_request(&self, token: &str, article: i64, body: &Value) -> RequestBuilder {
        self.client
            .post(self.url(&format!("/api/v1/articles/{article}/comments")))
            .header("User-Agent", BROWSER)
            .bearer_auth(token)
            .json(body)
    }

    /// Posts `body` under an article with a fresh captcha, whatever the answer.
    pub async fn post_comment(&self, token: &str, article: i64, body: Value) -> Response {
        let (id, answer) = self.captcha().await;
        let mut body = body;
        body["captcha_id"] = json!(id);
        body["captcha_answer"] = json!(answer);
        self.comment_request(token, article, &body)
            .send()
            .await
            .unwrap()
    }

    /// A comment that must be accepted; its body.
    pub async fn comment(&self, token: &str, article: i64, content: &str) -> Value {
        let response = self
            .post_comment(token, article, json!({"content": content}))
            .await;
        assert_eq!(response.status(), 201, "post {content:?}");
        assert!(response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/api/v1/comments/"));
        response.json().await.unwrap()
    }

    /// `GET /api/v1/search?q=…`, which must answer 200 with `X-Total-Count` equal to `total`.
    pub async fn search(&self, query: &str) -> Value {
        let response = self
            .client
            .get(self.url("/api/v1/search"))
            .query(&[("q", query)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{query}");
        let total: i64 = response.headers()["x-total-count"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let page: Value = response.json().await.unwrap();
        assert_eq!(page["total"], total);
        page
    }

    /// The ids of the articles a search finds, in order.
    pub async fn found(&self, query: &str) -> Vec<i64> {
        article_ids(&self.search(query).await)
    }

    /// `POST /api/v1/media` as `token`: one file in a multipart body.
    pub fn upload_request(
        &self,
        token: &str,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> RequestBuilder {
        let (content_type, body) = multipart(file_name, content_type, bytes);
        self.client
            .post(self.url("/api/v1/media"))
            .bearer_auth(token)
            .header("Content-Type", content_type)
            .body(body)
    }

    /// Uploads a file, whatever the answer.
    pub async fn upload(
        &self,
        token: &str,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Response {
        self.upload_request(token, file_name, content_type, bytes)
            .send()
            .await
            .unwrap()
    }
}

/// A multipart body with one `file` field and its content type, written by hand so the file name
/// can be anything.
pub fn multipart(file_name: &str, content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "kanwu-test-boundary-7d1f";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The article ids on a page, in order: of an article list (its items are articles) or of search
/// hits (each carries its article).
pub fn article_ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let article = item.get("article").unwrap_or(item);
            article["id"].as_i64().unwrap()
        })
        .collect()
}

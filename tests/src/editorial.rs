//! Helpers for tests of the editors' side: article writes (with `If-Match`) and the desk, an app
//! with its caches off and the people and categories an editorial test starts from.

use reqwest::{RequestBuilder, Response};
use serde_json::Value;

use crate::fixtures::category;
use crate::members::{Session, PASSWORD};
use crate::requests::ApiClient;
use crate::{Backend, TestApp};

impl ApiClient {
    /// `POST /api/v1/articles` as `token`.
    pub fn article_creation_request(&self, token: &str, body: &Value) -> RequestBuilder {
        self.client
            .post(self.url("/api/v1/articles"))
            .bearer_auth(token)
            .json(body)
    }

    /// Creates an article, whatever the answer.
    pub async fn create_article(&self, token: &str, body: Value) -> Response {
        self.article_creation_request(token, &body)
            .send()
            .await
            .unwrap()
    }

    /// Creates an article that must be accepted (201 with its `Location`); its body and `ETag`.
    pub async fn created_article(&self, token: &str, body: Value) -> (Value, String) {
        let response = self.create_article(token, body).await;
        assert_eq!(response.status(), 201);
        let etag = response.headers()["etag"].to_str().unwrap().to_owned();
        assert!(response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/api/v1/articles/"));
        (response.json().await.unwrap(), etag)
    }

    /// `PATCH /api/v1/articles/{id}` as `token`, with `If-Match` when given; whatever the answer.
    pub async fn patch_article(
        &self,
        token: &str,
        id: i64,
        if_match: Option<&str>,
        body: Value,
    ) -> Response {
        let mut request = self
            .client
            .patch(self.url(&format!("/api/v1/articles/{id}")))
            .bearer_auth(token)
            .json(&body);
        if let Some(etag) = if_match {
            request = request.header("If-Match", etag);
        }
        request.send().await.unwrap()
    }

    /// Edits an article as an editor does: reads its current `ETag`, then patches with it; the
    /// edit must be accepted.
    pub async fn edit_article(&self, token: &str, id: i64, changes: Value) {
        let current = self.get_as(&format!("/api/v1/articles/{id}"), token).await;
        let etag = current.headers()["etag"].to_str().unwrap().to_owned();
        let response = self
            .patch_article(token, id, Some(&etag), changes.clone())
            .await;
        assert_eq!(response.status(), 200, "{changes}");
    }
}

/// An editorial test's starting point: the app with its read caches off (every answer reflects
/// the last write), the admin `chief`, the editor `desk-editor` and two categories.
pub struct Desk {
    pub app: TestApp,
    pub admin: Session,
    pub editor: Session,
    /// 特稿
    pub features: i64,
    /// 活动竞赛
    pub activities: i64,
}

pub async fn desk(backend: Backend) -> Desk {
    let app = TestApp::spawn_with(backend, &[("KANWU_READ_CACHE_MS", "0")]).await;
    let features = app
        .with_db(|c| category(c, "特稿", "features", None, 0))
        .await;
    let activities = app
        .with_db(|c| category(c, "活动竞赛", "activities", None, 1))
        .await;
    let admin = app.admin("chief", PASSWORD).await;
    let editor = app.editor(&admin, "desk-editor").await;
    Desk {
        app,
        admin,
        editor,
        features,
        activities,
    }
}

impl Desk {
    /// A published article written by the admin; its id.
    pub async fn publish(&self, category_id: i64, title: &str, body: &str) -> i64 {
        self.create(serde_json::json!({
            "category_id": category_id, "title": title, "body_markdown": body, "status": "published"
        }))
        .await
    }

    /// An article the admin creates, which must be accepted; its id.
    pub async fn create(&self, article: Value) -> i64 {
        let response = self
            .app
            .create_article(&self.admin.access_token, article)
            .await;
        assert_eq!(response.status(), 201);
        response.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap()
    }

    /// The admin's edit of an article, which must be accepted.
    pub async fn patch(&self, id: i64, changes: Value) {
        self.app
            .edit_article(&self.admin.access_token, id, changes)
            .await;
    }
}

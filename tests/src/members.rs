//! Helpers for tests that need members: captchas solved through the test hook, registrations,
//! logins and admins made straight in the database.

use kanwu_api::auth::PasswordHasher;
use kanwu_api::config::Secret;
use kanwu_api::members::admin::create_admin;
use serde_json::{json, Value};

use crate::TestApp;

/// The pepper and cost of [`crate::test_environment`], so hashes made here verify in the app.
pub fn test_hasher(cost: u32) -> PasswordHasher {
    PasswordHasher::new(
        Secret::from_bytes(b"test-pepper-that-is-long-enough-for-hmac".to_vec()),
        cost,
    )
}

pub const BROWSER: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";

/// A session as the API hands it out.
#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub refresh_cookie: Option<String>,
    pub member: Value,
}

/// The value of the refresh cookie in a response's `Set-Cookie`, if any.
pub fn refresh_cookie_of(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kanwu_refresh="))
        .map(|v| {
            v.trim_start_matches("kanwu_refresh=")
                .split(';')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .filter(|v| !v.is_empty())
}

impl TestApp {
    /// A captcha and its answer (from the test hook header), asked for with `user_agent`.
    pub async fn captcha_as(&self, user_agent: &str) -> (String, String) {
        let response = self
            .client
            .post(self.url("/api/v1/captchas"))
            .header("User-Agent", user_agent)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "captcha");
        let answer = response.headers()["x-test-captcha-answer"]
            .to_str()
            .unwrap()
            .to_owned();
        let body: Value = response.json().await.unwrap();
        (body["id"].as_str().unwrap().to_owned(), answer)
    }

    pub async fn captcha(&self) -> (String, String) {
        self.captcha_as(BROWSER).await
    }

    /// Registers with a fresh captcha; `fields` must include `kind`.
    pub async fn register(&self, mut fields: Value) -> reqwest::Response {
        let (id, answer) = self.captcha().await;
        fields["captcha_id"] = json!(id);
        fields["captcha_answer"] = json!(answer);
        self.client
            .post(self.url("/api/v1/members"))
            .header("User-Agent", BROWSER)
            .json(&fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn register_personal(&self, username: &str, password: &str) -> Session {
        let response = self
            .register(json!({"kind": "personal", "username": username, "password": password}))
            .await;
        assert_eq!(response.status(), 201, "register {username}");
        session_of(response).await
    }

    pub async fn login_response(&self, username: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .header("User-Agent", BROWSER)
            .json(&json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> Session {
        let response = self.login_response(username, password).await;
        assert_eq!(response.status(), 200, "login {username}");
        session_of(response).await
    }

    /// An admin made as `kanwu create-admin` makes one.
    pub async fn admin(&self, username: &str, password: &str) -> Session {
        let (username_owned, password_owned) = (username.to_owned(), password.to_owned());
        self.with_db(move |c| {
            create_admin(c, &test_hasher(4), &username_owned, None, &password_owned)
                .expect("create an admin");
        })
        .await;
        self.login(username, password).await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn send_as(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Value,
    ) -> reqwest::Response {
        self.client
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn refresh_with(&self, cookie: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/auth/refresh"))
            .header("Cookie", format!("kanwu_refresh={cookie}"))
            .send()
            .await
            .unwrap()
    }
}

pub async fn session_of(response: reqwest::Response) -> Session {
    let refresh_cookie = refresh_cookie_of(&response);
    let body: Value = response.json().await.unwrap();
    Session {
        access_token: body["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned(),
        refresh_cookie,
        member: body["member"].clone(),
    }
}

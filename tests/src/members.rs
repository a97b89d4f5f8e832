//! Helpers for tests that need members: captchas solved through the test hook, registrations,
//! logins, editors promoted by an admin, and admins made straight in the database.

use kanwu_api::auth::PasswordHasher;
use kanwu_api::config::Secret;
use kanwu_api::members::first_admin::create_admin;
use reqwest::{Method, RequestBuilder};
use serde_json::{json, Value};

use crate::requests::ApiClient;
use crate::TestApp;

/// The pepper and cost of [`crate::test_environment`], so hashes made here verify in the app.
pub fn test_hasher(cost: u32) -> PasswordHasher {
    PasswordHasher::new(
        Secret::from_bytes(b"test-pepper-that-is-long-enough-for-hmac".to_vec()),
        cost,
    )
}

/// A browser's User-Agent: counted as a reader, not a bot.
pub const BROWSER: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";

/// The password the tests' members and admins sign in with (it passes the password rules).
pub const PASSWORD: &str = "tq8-vault-xyz";

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

impl ApiClient {
    /// `POST /api/v1/captchas` from a reader with `user_agent`.
    pub fn captcha_request(&self, user_agent: &str) -> RequestBuilder {
        self.client
            .post(self.url("/api/v1/captchas"))
            .header("User-Agent", user_agent)
    }

    /// A captcha and its answer (from the test hook header), asked for with `user_agent`.
    pub async fn captcha_as(&self, user_agent: &str) -> (String, String) {
        let response = self.captcha_request(user_agent).send().await.unwrap();
        assert_eq!(response.status(), 201, "captcha");
        captcha_of(response)
            .await
            .expect("a captcha and its answer")
    }

    pub async fn captcha(&self) -> (String, String) {
        self.captcha_as(BROWSER).await
    }

    /// A captcha and its answer, or `None` when none was handed out (the server gone or refusing).
    pub async fn try_captcha(&self) -> Option<(String, String)> {
        let response = self.captcha_request(BROWSER).send().await.ok()?;
        captcha_of(response).await
    }

    /// `POST /api/v1/members` from a browser: `fields` (with `kind`) and the solved `captcha`.
    pub fn registration_request(
        &self,
        mut fields: Value,
        (id, answer): &(String, String),
    ) -> RequestBuilder {
        fields["captcha_id"] = json!(id);
        fields["captcha_answer"] = json!(answer);
        self.client
            .post(self.url("/api/v1/members"))
            .header("User-Agent", BROWSER)
            .json(&fields)
    }

    /// Registers with a fresh captcha; `fields` must include `kind`.
    pub async fn register(&self, fields: Value) -> reqwest::Response {
        let captcha = self.captcha().await;
        self.registration_request(fields, &captcha)
            .send()
            .await
            .unwrap()
    }

    pub async fn register_personal(&self, username: &str, password: &str) -> Session {
        let response = self.register(personal(username, password)).await;
        assert_eq!(response.status(), 201, "register {username}");
        session_of(response).await
    }

    /// Registers a personal member as a load does: `None` unless the server acknowledged it.
    pub async fn try_register_personal(&self, username: &str, password: &str) -> Option<Session> {
        let captcha = self.try_captcha().await?;
        let response = self
            .registration_request(personal(username, password), &captcha)
            .send()
            .await
            .ok()?;
        if !response.status().is_success() {
            return None;
        }
        try_session_of(response).await
    }

    /// `POST /api/v1/auth/login` from a browser.
    pub fn login_request(&self, username: &str, password: &str) -> RequestBuilder {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .header("User-Agent", BROWSER)
            .json(&json!({"username": username, "password": password}))
    }

    pub async fn login_response(&self, username: &str, password: &str) -> reqwest::Response {
        self.login_request(username, password).send().await.unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> Session {
        let response = self.login_response(username, password).await;
        assert_eq!(response.status(), 200, "login {username}");
        session_of(response).await
    }

    pub async fn refresh_with(&self, cookie: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/auth/refresh"))
            .header("Cookie", format!("kanwu_refresh={cookie}"))
            .send()
            .await
            .unwrap()
    }

    /// An editor with [`PASSWORD`]: registered, promoted by `admin`, signed in again (a role
    /// change ends sessions).
    pub async fn editor(&self, admin: &Session, username: &str) -> Session {
        let member = self.register_personal(username, PASSWORD).await;
        let id = member.member["id"].as_i64().unwrap();
        let promoted = self
            .send_as(
                Method::PATCH,
                &format!("/api/v1/admin/members/{id}"),
                &admin.access_token,
                json!({"role": "editor"}),
            )
            .await;
        assert_eq!(promoted.status(), 200);
        self.login(username, PASSWORD).await
    }
}

impl TestApp {
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
}

/// The fields of a personal member's registration.
pub fn personal(username: &str, password: &str) -> Value {
    json!({"kind": "personal", "username": username, "password": password})
}

/// The captcha in a `POST /api/v1/captchas` answer and its answer from the test hook's header.
async fn captcha_of(response: reqwest::Response) -> Option<(String, String)> {
    let answer = response
        .headers()
        .get("x-test-captcha-answer")?
        .to_str()
        .ok()?
        .to_owned();
    let body: Value = response.json().await.ok()?;
    Some((body["id"].as_str()?.to_owned(), answer))
}

pub async fn session_of(response: reqwest::Response) -> Session {
    try_session_of(response)
        .await
        .expect("a session with an access token")
}

/// The session in a response, or `None` when its body did not arrive whole or holds no token.
pub async fn try_session_of(response: reqwest::Response) -> Option<Session> {
    let refresh_cookie = refresh_cookie_of(&response);
    let body: Value = response.json().await.ok()?;
    Some(Session {
        access_token: body["access_token"].as_str()?.to_owned(),
        refresh_cookie,
        member: body["member"].clone(),
    })
}

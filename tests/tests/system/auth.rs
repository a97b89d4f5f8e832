//! Sessions and their attacks (SECURITY-TESTS rows A1–A3, A8, A9, J1–J5, J8) and captchas (C1–C4).

use std::time::{Duration, Instant};

use base64::Engine as _;
use diesel::prelude::*;
use kanwu_api::db::schema::captchas;
use serde_json::json;
use system_tests::members::{refresh_cookie_of, BROWSER, PASSWORD};
use system_tests::{assert_problem, on_both_backends, TestApp};

on_both_backends!(async fn unknown_users_and_wrong_passwords_look_and_take_the_same(backend) {
    // A realistic cost, so the time of a verification stands out from the noise.
    let app = TestApp::spawn_with(backend, &[("KANWU_BCRYPT_COST", "10")]).await;
    let accounts: Vec<String> = (0..5).map(|i| format!("known-{i}")).collect();
    for account in &accounts {
        app.register_personal(account, PASSWORD).await;
    }

    let mut unknown_times = Vec::new();
    let mut known_times = Vec::new();
    let mut bodies = Vec::new();
    for i in 0..20 {
        // Four tries per known account stay under the lockout.
        for (username, times) in [(format!("nobody-{i}"), &mut unknown_times), (accounts[i % 5].clone(), &mut known_times)] {
            let started = Instant::now();
            let response = app.login_response(&username, "wrong-password-1").await;
            times.push(started.elapsed());
            assert_eq!(response.status(), 401);
            let mut body: serde_json::Value = response.json().await.unwrap();
            body.as_object_mut().unwrap().remove("request_id");
            bodies.push(body);
        }
    }
    bodies.dedup();
    assert_eq!(bodies.len(), 1, "one body for both: {bodies:?}");
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2].as_secs_f64()
    };
    let (unknown, known) = (median(&mut unknown_times), median(&mut known_times));
    let ratio = unknown / known;
    assert!((0.8..=1.25).contains(&ratio), "medians {unknown:.4}s (unknown) vs {known:.4}s (known): ratio {ratio:.2}");
    app.stop().await;
});

on_both_backends!(async fn a_username_with_a_nul_is_a_wrong_username_not_a_server_error(backend) {
    let app = TestApp::spawn(backend).await;
    app.register_personal("plain-name", PASSWORD).await;

    // PostgreSQL refused the NUL in the failure record and the lookup: a 500 the fuzzer found.
    for username in ["plain\0name", "\0", "plain-name\0"] {
        let response = app.login_response(username, PASSWORD).await;
        assert_problem(response, 401, "invalid_credentials").await;
    }
    assert_eq!(app.login_response("plain-name", PASSWORD).await.status(), 200);
    app.stop().await;
});

on_both_backends!(async fn five_failures_lock_the_account_whatever_the_address(backend) {
    let app = TestApp::spawn(backend).await;
    app.register_personal("target", PASSWORD).await;
    app.register_personal("bystander", PASSWORD).await;

    for i in 0..5 {
        let response = app
            .client
            .post(app.url("/api/v1/auth/login"))
            .header("X-Forwarded-For", format!("203.0.113.{i}"))
            .json(&json!({"username": "target", "password": "guess-{i}-wrong"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "attempt {i}");
    }
    let locked = app.login_response("target", PASSWORD).await;
    let retry_after: u64 = locked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after));
    assert_problem(locked, 429, "rate_limited").await;
    app.login("bystander", PASSWORD).await;
    app.stop().await;
});

on_both_backends!(async fn many_usernames_from_one_address_are_limited_and_forged_forwarding_does_not_help(backend) {
    let app = TestApp::spawn_with(backend, &[("KANWU_RATE_LIMIT_SCALE", "1")]).await;

    let mut limited = 0;
    for i in 0..50 {
        let response = app
            .client
            .post(app.url("/api/v1/auth/login"))
            .header("X-Forwarded-For", format!("198.51.100.{i}"))
            .json(&json!({"username": format!("user-{i}"), "password": "whatever-123"}))
            .send()
            .await
            .unwrap();
        if response.status() == 429 {
            limited += 1;
        }
    }
    assert!(limited >= 20, "{limited} of 50 limited");
    app.stop().await;
});

on_both_backends!(async fn a_huge_password_is_refused_before_any_hashing(backend) {
    let app = TestApp::spawn(backend).await;
    let huge = "秘".repeat(350_000);

    let started = Instant::now();
    let response = app.login_response("someone", &huge).await;
    assert_problem(response, 413, "payload_too_large").await;
    assert!(started.elapsed() < Duration::from_secs(2));
    app.stop().await;
});

async fn me_status(app: &TestApp, token: &str) -> u16 {
    app.get_as("/api/v1/members/me", token)
        .await
        .status()
        .as_u16()
}

on_both_backends!(async fn tokens_stop_working_at_once_on_logout_all_password_change_disable_and_demotion(backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin("the-admin", PASSWORD).await;

    let first = app.register_personal("revoked-one", PASSWORD).await;
    let second = app.login("revoked-one", PASSWORD).await;
    assert_eq!(me_status(&app, &first.access_token).await, 200);
    let out = app.client.post(app.url("/api/v1/auth/logout-all")).bearer_auth(&first.access_token).send().await.unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(me_status(&app, &first.access_token).await, 401, "logout-all");
    assert_eq!(me_status(&app, &second.access_token).await, 401, "every session");
    assert_eq!(app.refresh_with(second.refresh_cookie.as_deref().unwrap()).await.status(), 401);

    let session = app.login("revoked-one", PASSWORD).await;
    let change = app
        .send_as(reqwest::Method::PUT, "/api/v1/members/me/password", &session.access_token, json!({"current_password": PASSWORD, "new_password": "new-secret-42"}))
        .await;
    assert_eq!(change.status(), 204);
    assert_eq!(me_status(&app, &session.access_token).await, 401, "password change");
    assert_problem(app.login_response("revoked-one", PASSWORD).await, 401, "invalid_credentials").await;
    let session = app.login("revoked-one", "new-secret-42").await;

    let id = session.member["id"].as_i64().unwrap();
    let disable = app
        .send_as(reqwest::Method::PATCH, &format!("/api/v1/admin/members/{id}"), &admin.access_token, json!({"status": "disabled"}))
        .await;
    assert_eq!(disable.status(), 200);
    assert_eq!(me_status(&app, &session.access_token).await, 401, "disabled");
    assert_problem(app.login_response("revoked-one", "new-secret-42").await, 403, "account_disabled").await;

    let editor = app.register_personal("an-editor", PASSWORD).await;
    let editor_id = editor.member["id"].as_i64().unwrap();
    app.send_as(reqwest::Method::PATCH, &format!("/api/v1/admin/members/{editor_id}"), &admin.access_token, json!({"role": "editor"}))
        .await;
    let promoted = app.login("an-editor", PASSWORD).await;
    assert_eq!(promoted.member["role"], "editor");
    app.send_as(reqwest::Method::PATCH, &format!("/api/v1/admin/members/{editor_id}"), &admin.access_token, json!({"role": "member"}))
        .await;
    assert_eq!(me_status(&app, &promoted.access_token).await, 401, "demoted");
    app.stop().await;
});

on_both_backends!(async fn a_wrong_current_password_changes_nothing(backend) {
    let app = TestApp::spawn(backend).await;
    let session = app.register_personal("careful", PASSWORD).await;

    let response = app
        .send_as(reqwest::Method::PUT, "/api/v1/members/me/password", &session.access_token, json!({"current_password": "not-it-at-all", "new_password": "new-secret-42"}))
        .await;
    let body = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "current_password");
    assert_eq!(me_status(&app, &session.access_token).await, 200);
    app.login("careful", PASSWORD).await;
    app.stop().await;
});

on_both_backends!(async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session(backend) {
    let app = TestApp::spawn(backend).await;
    let session = app.register_personal("rotating", PASSWORD).await;
    let first = session.refresh_cookie.clone().unwrap();

    let renewed = app.refresh_with(&first).await;
    assert_eq!(renewed.status(), 200);
    let second = refresh_cookie_of(&renewed).unwrap();
    assert_ne!(first, second);
    let body: serde_json::Value = renewed.json().await.unwrap();
    assert_eq!(me_status(&app, body["access_token"].as_str().unwrap()).await, 200);

    assert_problem(app.refresh_with(&first).await, 401, "unauthenticated").await;
    assert_problem(app.refresh_with(&second).await, 401, "unauthenticated").await;

    let again = app.login("rotating", PASSWORD).await;
    let out = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .header("Cookie", format!("kanwu_refresh={}", again.refresh_cookie.clone().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert!(out.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(app.refresh_with(again.refresh_cookie.as_deref().unwrap()).await.status(), 401);
    app.stop().await;
});

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

on_both_backends!(async fn forged_unsigned_expired_and_misplaced_tokens_are_refused(backend) {
    let app = TestApp::spawn(backend).await;
    let session = app.register_personal("token-holder", PASSWORD).await;
    let parts: Vec<&str> = session.access_token.split('.').collect();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();

    let unsigned = format!("{}.{}.", b64(br#"{"alg":"none","typ":"JWT"}"#), parts[1]);
    claims["role"] = json!("admin");
    let forged = format!("{}.{}.{}", parts[0], b64(claims.to_string().as_bytes()), parts[2]);
    let hs512 = format!("{}.{}.{}", b64(br#"{"alg":"HS512","typ":"JWT"}"#), parts[1], parts[2]);
    for token in [unsigned, forged, hs512, "not-a-token".to_owned(), String::new()] {
        let response = app.client.get(app.url("/api/v1/members/me")).header("Authorization", format!("Bearer {token}")).send().await.unwrap();
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        assert_problem(response, 401, "unauthenticated").await;
    }
    let in_query = app.get(&format!("/api/v1/members/me?token={}", session.access_token)).await.unwrap();
    assert_problem(in_query, 401, "unauthenticated").await;
    assert_eq!(me_status(&app, &session.access_token).await, 200, "the real token still works");
    app.stop().await;
});

on_both_backends!(async fn a_captcha_is_good_for_one_attempt_by_the_client_that_asked_for_it(backend) {
    let app = TestApp::spawn(backend).await;
    let register = |id: &str, answer: &str, username: &str, agent: &str| {
        let body = json!({"kind": "personal", "username": username, "password": PASSWORD, "captcha_id": id, "captcha_answer": answer});
        let request = app.client.post(app.url("/api/v1/members")).header("User-Agent", agent.to_owned()).json(&body);
        async move { request.send().await.unwrap() }
    };

    let (id, answer) = app.captcha().await;
    assert_eq!(register(&id, &answer, "first-user", BROWSER).await.status(), 201);
    assert_problem(register(&id, &answer, "second-user", BROWSER).await, 400, "captcha_invalid").await;

    let (id, answer) = app.captcha().await;
    let wrong = if answer == "1111" { "2222" } else { "1111" };
    assert_problem(register(&id, wrong, "third-user", BROWSER).await, 400, "captcha_invalid").await;
    assert_problem(register(&id, &answer, "third-user", BROWSER).await, 400, "captcha_invalid").await;

    let (id, answer) = app.captcha_as("Another Browser/1.0").await;
    assert_problem(register(&id, &answer, "fourth-user", BROWSER).await, 400, "captcha_invalid").await;

    let (id, answer) = app.captcha().await;
    let expired_id = id.clone();
    app.with_db(move |c| {
        diesel::update(captchas::table.find(expired_id))
            .set(captchas::expires_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1)))
            .execute(c)
            .unwrap();
    })
    .await;
    assert_problem(register(&id, &answer, "fifth-user", BROWSER).await, 400, "captcha_invalid").await;
    app.stop().await;
});

on_both_backends!(async fn captcha_answers_never_leave_the_server_except_through_the_test_hook(backend) {
    let app = TestApp::spawn_with(backend, &[("KANWU_TEST_HOOKS", "0")]).await;

    let response = app.client.post(app.url("/api/v1/captchas")).send().await.unwrap();
    assert_eq!(response.status(), 201);
    assert!(!response.headers().contains_key("x-test-captcha-answer"), "hooks off: no answer header");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: serde_json::Value = response.json().await.unwrap();
    let id = body["id"].as_str().unwrap().to_owned();
    assert_eq!(body.as_object().unwrap().len(), 3, "id, image, expires_at only: {body}");
    assert!(body["image"].as_str().unwrap().starts_with("data:image/png;base64,"));
    let stored: String = app.with_db(move |c| captchas::table.find(id).select(captchas::answer_hash).first(c).unwrap()).await;
    assert_eq!(stored.len(), 64, "a SHA-256 hash, not the answer");
    app.stop().await;
});

on_both_backends!(async fn a_flood_of_captcha_requests_from_one_address_is_limited(backend) {
    let app = TestApp::spawn_with(backend, &[("KANWU_RATE_LIMIT_SCALE", "1")]).await;

    let mut statuses = Vec::new();
    for _ in 0..100 {
        statuses.push(app.client.post(app.url("/api/v1/captchas")).send().await.unwrap().status().as_u16());
    }
    assert!(statuses.iter().filter(|s| **s == 429).count() >= 60, "{statuses:?}");
    app.stop().await;
});

on_both_backends!(async fn concurrent_logins_refreshes_and_failures_never_answer_a_server_error(backend) {
    // SQLite answered one 500 "database is locked" under 32 logging-in clients: a write that
    // upgraded a read transaction failed at once instead of waiting its turn.
    let app = TestApp::spawn(backend).await;
    for i in 0..8 {
        app.register_personal(&format!("busy-{i}"), PASSWORD).await;
    }
    let app = std::sync::Arc::new(app);
    let mut clients = tokio::task::JoinSet::new();
    for client in 0..32 {
        let app = app.clone();
        clients.spawn(async move {
            let mut statuses = Vec::new();
            for round in 0..6 {
                let username = format!("busy-{}", (client + round) % 8);
                let login = app.login_response(&username, PASSWORD).await;
                statuses.push(login.status().as_u16());
                if let Some(cookie) = refresh_cookie_of(&login) {
                    statuses.push(app.refresh_with(&cookie).await.status().as_u16());
                }
                // Failures are written too; one per client keeps every account under the lockout.
                if round == 0 {
                    let wrong = app.login_response(&format!("nobody-{client}"), "wrong-password-1").await;
                    statuses.push(wrong.status().as_u16());
                }
            }
            statuses
        });
    }
    let mut statuses = Vec::new();
    while let Some(done) = clients.join_next().await {
        statuses.extend(done.unwrap());
    }
    let unexpected: Vec<u16> = statuses.iter().copied().filter(|s| ![200, 401].contains(s)).collect();
    assert!(unexpected.is_empty(), "{} of {} answers were not 200/401: {unexpected:?}", unexpected.len(), statuses.len());
    assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), 32 * 6 * 2);
    let Ok(app) = std::sync::Arc::try_unwrap(app) else { panic!("a client still holds the app") };
    app.stop().await;
});

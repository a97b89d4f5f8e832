//! Registration, profiles and the admin's member management (SECURITY-TESTS rows A4–A7, Z2, Z6, Z9,
//! R5, D4).

use diesel::prelude::*;
use kanwu_api::db::schema::members;
use serde_json::json;
use system_tests::members::BROWSER;
use system_tests::{assert_problem, on_both_backends, TestApp};

const GOOD_PASSWORD: &str = "tq8-vault-xyz";
const CREDIT_CODE: &str = "91350100M000100Y43";

fn enterprise(username: &str) -> serde_json::Value {
    json!({
        "kind": "enterprise", "username": username, "password": GOOD_PASSWORD,
        "email": format!("{username}@example.org"), "company_name": "湖南秘书科技有限公司",
        "credit_code": CREDIT_CODE, "contact_person": "李明", "contact_phone": "0745-1234567"
    })
}

on_both_backends!(async fn a_personal_member_registers_and_is_signed_in_at_once(backend) {
    let app = TestApp::spawn(backend).await;

    let response = app.register(json!({"kind": "personal", "username": "Zhou_辉", "password": GOOD_PASSWORD, "real_name": "周辉"})).await;

    assert_eq!(response.status(), 201);
    assert_eq!(response.headers()["location"], "/api/v1/members/me");
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    let session = system_tests::members::session_of(response).await;
    assert_eq!(session.member["status"], "active");
    assert_eq!(session.member["kind"], "personal");
    assert_eq!(session.member["role"], "member");
    let me: serde_json::Value = app.get_as("/api/v1/members/me", &session.access_token).await.json().await.unwrap();
    assert_eq!((me["username"].as_str(), me["real_name"].as_str()), (Some("Zhou_辉"), Some("周辉")));
    app.stop().await;
});

on_both_backends!(async fn an_enterprise_member_waits_for_review_and_the_review_is_kept(backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.admin("site-admin", GOOD_PASSWORD).await;

    let response = app.register(enterprise("hunan-mishu")).await;
    assert_eq!(response.status(), 201);
    let member = system_tests::members::session_of(response).await;
    assert_eq!(member.member["status"], "pending");
    let id = member.member["id"].as_i64().unwrap();

    let pending: serde_json::Value = app.get_as("/api/v1/admin/members?kind=enterprise&status=pending", &admin.access_token).await.json().await.unwrap();
    assert_eq!(pending["total"], 1);
    let review = app
        .send_as(reqwest::Method::POST, &format!("/api/v1/admin/members/{id}/review"), &admin.access_token, json!({"decision": "approve", "reason": "资料齐全"}))
        .await;
    assert_eq!(review.status(), 200);
    let reviewed: serde_json::Value = review.json().await.unwrap();
    assert_eq!(reviewed["member"]["status"], "active");
    assert_eq!(reviewed["reviews"][0]["reason"], "资料齐全");
    assert_eq!(reviewed["reviews"][0]["reviewer_id"], admin.member["id"]);
    let again = app
        .send_as(reqwest::Method::POST, &format!("/api/v1/admin/members/{id}/review"), &admin.access_token, json!({"decision": "reject", "reason": "重复"}))
        .await;
    assert_problem(again, 409, "not_pending").await;
    app.stop().await;
});

on_both_backends!(async fn registration_checks_every_field_and_names_each_problem(backend) {
    let app = TestApp::spawn(backend).await;

    let mut bad = enterprise("ok-name");
    bad["credit_code"] = json!("91350100M000100Y44");
    bad["email"] = json!("not-an-email");
    bad["password"] = json!("short");
    let body = assert_problem(app.register(bad).await, 422, "validation_failed").await;
    let fields: Vec<(&str, &str)> = body["errors"].as_array().unwrap().iter().map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect();
    for expected in [("credit_code", "check_character"), ("email", "format"), ("password", "too_short")] {
        assert!(fields.contains(&expected), "{expected:?} in {fields:?}");
    }

    let no_email = assert_problem(app.register(json!({"kind": "enterprise", "username": "x-y-z", "password": GOOD_PASSWORD})).await, 422, "validation_failed").await;
    assert_eq!(no_email["errors"][0]["code"], "required");
    let unknown_kind = app.register(json!({"kind": "government", "username": "abc", "password": GOOD_PASSWORD})).await;
    assert_eq!(unknown_kind.status(), 422);
    app.stop().await;
});

on_both_backends!(async fn weak_passwords_are_refused_and_an_uncommon_eight_is_accepted(backend) {
    let app = TestApp::spawn(backend).await;

    for (password, code) in [("seven77", "too_short"), ("12345678", "too_common"), ("weak-user", "same_as_username")] {
        let response = app.register(json!({"kind": "personal", "username": "weak-user", "password": password})).await;
        let body = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "password");
        assert_eq!(body["errors"][0]["code"], code, "{password}");
    }
    let accepted = app.register(json!({"kind": "personal", "username": "weak-user", "password": "k3v!q9zp"})).await;
    assert_eq!(accepted.status(), 201);
    app.stop().await;
});

on_both_backends!(async fn long_chinese_passwords_work_and_are_not_cut_at_72_bytes(backend) {
    let app = TestApp::spawn(backend).await;
    let long: String = "秘书工作是党委政府的一项重要工作随着形势的发展变化秘书工作的地位日益凸显领导也越来越重视同时对秘书队伍素质也提出了更高的要求结合多年从事"
        .chars()
        .take(64)
        .collect();
    let long = long.as_str();
    assert_eq!(long.chars().count(), 64);
    assert!(long.len() > 72);
    app.register_personal("long-pass", long).await;

    app.login("long-pass", long).await;
    let same_prefix: String = long.chars().take(30).chain("与众不同的结尾".chars()).collect();
    assert_eq!(&same_prefix.as_bytes()[..72], &long.as_bytes()[..72], "equal in bcrypt's first 72 bytes");
    assert_problem(app.login_response("long-pass", &same_prefix).await, 401, "invalid_credentials").await;
    app.stop().await;
});

on_both_backends!(async fn unicode_forms_of_a_password_and_username_are_equivalent(backend) {
    let app = TestApp::spawn(backend).await;
    app.register_personal("Café-Reader", "caf\u{e9}-au-lait").await;

    app.login("cafe\u{301}-reader", "cafe\u{301}-au-lait").await;
    app.register_personal("full-width", "ｑｗｅｒ５６７８９").await;
    app.login("ＦＵＬＬ－ｗｉｄｔｈ", "qwer56789").await;
    app.stop().await;
});

on_both_backends!(async fn passwords_are_stored_as_bcrypt_hashes_of_the_configured_cost(backend) {
    let app = TestApp::spawn(backend).await;
    app.register_personal("hashed", GOOD_PASSWORD).await;

    let hash: String = app
        .with_db(|c| members::table.filter(members::username_key.eq("hashed")).select(members::password_hash).first(c).unwrap())
        .await;
    // Tests run at cost 4 for speed; production's default of 12 is asserted by the config tests.
    assert!(hash.starts_with("$2b$04$"), "{hash}");
    assert!(!hash.contains(GOOD_PASSWORD));
    app.stop().await;
});

on_both_backends!(async fn one_username_registered_twenty_times_at_once_succeeds_once(backend) {
    let app = TestApp::spawn(backend).await;
    let mut attempts = Vec::new();
    for _ in 0..20 {
        let (id, answer) = app.captcha().await;
        attempts.push(json!({"kind": "personal", "username": "only-one", "password": GOOD_PASSWORD, "captcha_id": id, "captcha_answer": answer}));
    }

    let responses = futures_util::future::join_all(attempts.into_iter().map(|body| {
        let app = &app;
        async move { app.client.post(app.url("/api/v1/members")).header("User-Agent", BROWSER).json(&body).send().await.unwrap() }
    }))
    .await;

    let mut statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    statuses.sort();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 19, "{statuses:?}");
    let count: i64 = app.with_db(|c| members::table.count().get_result(c).unwrap()).await;
    assert_eq!(count, 1);
    app.stop().await;
});

on_both_backends!(async fn a_taken_username_or_email_is_a_conflict_whatever_the_case(backend) {
    let app = TestApp::spawn(backend).await;
    app.register(enterprise("company-a")).await;

    let same_name = app.register(json!({"kind": "personal", "username": "COMPANY-A", "password": GOOD_PASSWORD})).await;
    assert_problem(same_name, 409, "username_taken").await;
    let mut same_email = enterprise("company-b");
    same_email["email"] = json!("Company-A@Example.org");
    assert_problem(app.register(same_email).await, 409, "email_taken").await;
    app.stop().await;
});

on_both_backends!(async fn mass_assignment_on_ones_own_profile_is_refused_and_changes_nothing(backend) {
    let app = TestApp::spawn(backend).await;
    let me = app.register_personal("plain-member", GOOD_PASSWORD).await;

    for body in [
        json!({"role": "admin"}),
        json!({"member_type": "enterprise"}),
        json!({"password_hash": "x"}),
        json!({"status": "active", "display_name": "新名字"}),
        json!({"kind": "enterprise"}),
        json!({"id": 1}),
    ] {
        let response = app.send_as(reqwest::Method::PATCH, "/api/v1/members/me", &me.access_token, body.clone()).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["code"], "unknown_field", "{body}");
    }
    let personal_editing_company = app
        .send_as(reqwest::Method::PATCH, "/api/v1/members/me", &me.access_token, json!({"company_name": "冒充公司"}))
        .await;
    let problem = assert_problem(personal_editing_company, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "not_for_kind");

    let unchanged: serde_json::Value = app.get_as("/api/v1/members/me", &me.access_token).await.json().await.unwrap();
    assert_eq!((unchanged["role"].as_str(), unchanged["display_name"].as_str()), (Some("member"), Some("plain-member")));
    assert!(unchanged["company_name"].is_null());

    let edited = app
        .send_as(reqwest::Method::PATCH, "/api/v1/members/me", &me.access_token, json!({"display_name": "周秘书", "organisation": "县委办公室", "phone": null}))
        .await;
    assert_eq!(edited.status(), 200);
    let edited: serde_json::Value = edited.json().await.unwrap();
    assert_eq!((edited["display_name"].as_str(), edited["organisation"].as_str()), (Some("周秘书"), Some("县委办公室")));
    app.stop().await;
});

on_both_backends!(async fn nobody_but_an_admin_lists_or_reads_other_members(backend) {
    let app = TestApp::spawn(backend).await;
    let member = app.register_personal("curious", GOOD_PASSWORD).await;
    let other = app.register_personal("private-person", GOOD_PASSWORD).await;
    let other_id = other.member["id"].as_i64().unwrap();

    assert_problem(app.get("/api/v1/admin/members?q=private").await.unwrap(), 401, "unauthenticated").await;
    assert_problem(app.get_as("/api/v1/admin/members?q=private", &member.access_token).await, 403, "admin_only").await;
    assert_problem(app.get_as(&format!("/api/v1/admin/members/{other_id}"), &member.access_token).await, 403, "admin_only").await;
    let patch = app
        .send_as(reqwest::Method::PATCH, &format!("/api/v1/admin/members/{other_id}"), &member.access_token, json!({"status": "disabled"}))
        .await;
    assert_problem(patch, 403, "admin_only").await;
    assert_problem(app.get(&format!("/api/v1/members/{other_id}")).await.unwrap(), 404, "not_found").await;
    assert_problem(app.get("/api/v1/members?search=private").await.unwrap(), 405, "method_not_allowed").await;
    app.stop().await;
});

on_both_backends!(async fn public_responses_carry_no_private_fields(backend) {
    let app = TestApp::spawn(backend).await;
    let member = app.register_personal("reader-one", GOOD_PASSWORD).await;
    app.with_db(|c| {
        kanwu_api::demo::seed_demo(c).unwrap();
    })
    .await;
    let article_id = {
        let list: serde_json::Value = app.get("/api/v1/articles").await.unwrap().json().await.unwrap();
        list["items"][0]["id"].as_i64().unwrap()
    };
    let public_gets = [
        "/api/v1/site".to_owned(),
        "/api/v1/home".to_owned(),
        "/api/v1/categories".to_owned(),
        "/api/v1/categories/features".to_owned(),
        "/api/v1/articles".to_owned(),
        format!("/api/v1/articles/{article_id}"),
    ];
    let forbidden = ["password", "hash", "email", "phone", "token", "captcha", "credit_code"];
    let is_address = |key: &str| key == "ip" || key.starts_with("ip_") || key.ends_with("_ip");
    for path in &public_gets {
        for token in [None, Some(member.access_token.as_str())] {
            let mut request = app.client.get(app.url(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let body: serde_json::Value = request.send().await.unwrap().json().await.unwrap();
            let mut keys = Vec::new();
            collect_keys(&body, &mut keys);
            for key in keys {
                assert!(!forbidden.iter().any(|f| key.contains(f)) && !is_address(&key), "`{key}` in {path}");
            }
        }
    }
    app.stop().await;
});

fn collect_keys(value: &serde_json::Value, keys: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                keys.push(key.to_lowercase());
                collect_keys(child, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}

on_both_backends!(async fn a_flood_of_registrations_from_one_address_is_limited(backend) {
    let app = TestApp::spawn_with(backend, &[("KANWU_RATE_LIMIT_SCALE", "1")]).await;

    let mut statuses = Vec::new();
    for i in 0..30 {
        let response = app.register(json!({"kind": "personal", "username": format!("flood-{i}"), "password": GOOD_PASSWORD})).await;
        if response.status() == 429 {
            assert!(response.headers().contains_key("retry-after"));
        }
        statuses.push(response.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert!(statuses.iter().filter(|s| **s == 201).count() <= 10);
    app.stop().await;
});

on_both_backends!(async fn a_registration_refused_for_its_fields_still_spends_the_captcha(backend) {
    let app = TestApp::spawn(backend).await;
    let (id, answer) = app.captcha().await;
    let attempt = |password: &str| {
        let body = json!({"kind": "personal", "username": "spender", "password": password, "captcha_id": id, "captcha_answer": answer});
        app.client.post(app.url("/api/v1/members")).header("User-Agent", BROWSER).json(&body).send()
    };

    assert_problem(attempt("short").await.unwrap(), 422, "validation_failed").await;
    assert_problem(attempt(GOOD_PASSWORD).await.unwrap(), 400, "captcha_invalid").await;
    app.stop().await;
});

on_both_backends!(async fn refreshing_without_a_session_is_not_an_error(backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.client.post(app.url("/api/v1/auth/refresh")).send().await.unwrap();
    assert_eq!(response.status(), 204);
    app.stop().await;
});

//! Comments under articles (SECURITY-TESTS rows X1, C1–C3 through comments, R4, D3, Z1, Z7).

use diesel::prelude::*;
use kanwu_api::db::schema::{articles, comments};
use serde_json::{json, Value};
use system_tests::fixtures::app_with_article;
use system_tests::members::{BROWSER, PASSWORD};
use system_tests::{assert_problem, on_both_backends, TestApp};

/// No interval, no moderation: most tests look at one rule at a time.
const OPEN: &[(&str, &str)] = &[
    ("KANWU_COMMENT_MODERATION", "none"),
    ("KANWU_COMMENT_INTERVAL_SECS", "0"),
];

async fn approved_list(app: &TestApp, article: i64) -> Value {
    app.get(&format!("/api/v1/articles/{article}/comments"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn comment_count(app: &TestApp, article: i64) -> i64 {
    app.with_db(move |c| {
        articles::table
            .find(article)
            .select(articles::comment_count)
            .first(c)
            .unwrap()
    })
    .await
}

on_both_backends!(async fn posting_needs_a_member_and_a_fresh_captcha_of_ones_own(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let member = app.register_personal("commenter", PASSWORD).await;
    let url = app.url(&format!("/api/v1/articles/{article}/comments"));

    let (id, answer) = app.captcha().await;
    let anonymous = app.client.post(&url).json(&json!({"content": "你好", "captcha_id": id, "captcha_answer": answer})).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;

    let (id, answer) = app.captcha().await;
    let wrong = if answer == "1111" { "2222" } else { "1111" };
    let send = |content: &str, id: &str, answer: &str| {
        app.client
            .post(&url)
            .header("User-Agent", BROWSER)
            .bearer_auth(&member.access_token)
            .json(&json!({"content": content, "captcha_id": id, "captcha_answer": answer}))
            .send()
    };
    assert_problem(send("第一条", &id, wrong).await.unwrap(), 400, "captcha_invalid").await;
    assert_problem(send("第一条", &id, &answer).await.unwrap(), 400, "captcha_invalid").await;

    let (id, answer) = app.captcha().await;
    assert_eq!(send("第二条", &id, &answer).await.unwrap().status(), 201);
    assert_problem(send("第三条", &id, &answer).await.unwrap(), 400, "captcha_invalid").await;

    let (id, answer) = app.captcha().await;
    let expired = id.clone();
    app.with_db(move |c| {
        use kanwu_api::db::schema::captchas;
        diesel::update(captchas::table.find(expired))
            .set(captchas::expires_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1)))
            .execute(c)
            .unwrap();
    })
    .await;
    assert_problem(send("第四条", &id, &answer).await.unwrap(), 400, "captcha_invalid").await;
    app.stop().await;
});

on_both_backends!(async fn content_is_one_to_two_thousand_characters_of_plain_text(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let member = app.register_personal("writer", PASSWORD).await;

    for content in ["".to_owned(), "  \n\t ".to_owned(), "评".repeat(2_001)] {
        let body = assert_problem(app.post_comment(&member.access_token, article, json!({"content": content})).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "content");
    }
    let longest = app.comment(&member.access_token, article, &"评".repeat(2_000)).await;
    assert_eq!(longest["content"].as_str().unwrap().chars().count(), 2_000);
    app.stop().await;
});

on_both_backends!(async fn markup_is_stored_and_returned_exactly_as_text(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let member = app.register_personal("tester", PASSWORD).await;
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "[x](javascript:alert(1))",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "第一行\n第二行 & <b>粗</b>",
    ];
    for payload in payloads {
        assert_eq!(app.comment(&member.access_token, article, payload).await["content"], payload);
    }
    let listed = approved_list(&app, article).await;
    let contents: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|c| c["content"].as_str().unwrap()).collect();
    for payload in payloads {
        assert!(contents.contains(&payload), "{payload} verbatim");
    }
    app.stop().await;
});

on_both_backends!(async fn floods_and_repeats_are_refused(backend) {
    let (app, article) = app_with_article(backend, &[("KANWU_COMMENT_MODERATION", "none"), ("KANWU_COMMENT_HOURLY_CAP", "3")], 0).await;
    let member = app.register_personal("hasty", PASSWORD).await;

    app.comment(&member.access_token, article, "第一条").await;
    let too_soon = app.post_comment(&member.access_token, article, json!({"content": "第二条"})).await;
    let retry_after: u64 = too_soon.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry_after));
    assert_problem(too_soon, 429, "rate_limited").await;

    // Other members at the same address count towards its hourly cap.
    let second = app.register_personal("neighbour", PASSWORD).await;
    let third = app.register_personal("flatmate", PASSWORD).await;
    app.comment(&second.access_token, article, "同一地址").await;
    app.comment(&third.access_token, article, "还是同一地址").await;
    let fourth = app.register_personal("one-too-many", PASSWORD).await;
    assert_problem(app.post_comment(&fourth.access_token, article, json!({"content": "第四条"})).await, 429, "rate_limited").await;
    app.stop().await;
});

on_both_backends!(async fn zero_turns_the_interval_and_the_hourly_cap_off(backend) {
    let (app, article) = app_with_article(backend, &[("KANWU_COMMENT_MODERATION", "none"), ("KANWU_COMMENT_INTERVAL_SECS", "0"), ("KANWU_COMMENT_HOURLY_CAP", "0")], 0).await;
    let member = app.register_personal("unlimited", PASSWORD).await;
    // Past the default cap of 20 from one address, back to back from one member.
    for i in 0..22 {
        app.comment(&member.access_token, article, &format!("第{i}条")).await;
    }
    app.stop().await;
});

on_both_backends!(async fn the_same_text_twice_on_one_article_is_a_conflict(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let member = app.register_personal("repeater", PASSWORD).await;

    app.comment(&member.access_token, article, "说得好").await;
    assert_problem(app.post_comment(&member.access_token, article, json!({"content": "  说得好 "})).await, 409, "duplicate_comment").await;
    app.stop().await;
});

on_both_backends!(async fn nobody_edits_or_deletes_another_members_comment(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let author = app.register_personal("author-a", PASSWORD).await;
    let other = app.register_personal("intruder-b", PASSWORD).await;
    let id = app.comment(&author.access_token, article, "原文").await["id"].as_i64().unwrap();

    let edit = app.send_as(reqwest::Method::PATCH, &format!("/api/v1/comments/{id}"), &other.access_token, json!({"content": "篡改"})).await;
    assert_problem(edit, 404, "not_found").await;
    let delete = app.client.delete(app.url(&format!("/api/v1/comments/{id}"))).bearer_auth(&other.access_token).send().await.unwrap();
    assert_problem(delete, 404, "not_found").await;
    let not_moderator = app.send_as(reqwest::Method::PATCH, &format!("/api/v1/admin/comments/{id}"), &other.access_token, json!({"status": "spam"})).await;
    assert_problem(not_moderator, 403, "editor_only").await;

    let stored: (String, String) = app.with_db(move |c| comments::table.find(id).select((comments::content, comments::status)).first(c).unwrap()).await;
    assert_eq!(stored, ("原文".to_owned(), "approved".to_owned()));
    app.stop().await;
});

on_both_backends!(async fn the_author_status_and_article_cannot_be_forged(backend) {
    let (app, article) = app_with_article(backend, &[("KANWU_COMMENT_MODERATION", "all"), ("KANWU_COMMENT_INTERVAL_SECS", "0")], 0).await;
    let member = app.register_personal("forger", PASSWORD).await;
    let victim = app.register_personal("victim", PASSWORD).await;

    for extra in [json!({"member_id": victim.member["id"]}), json!({"status": "approved"}), json!({"article_id": 1}), json!({"views": 1e9})] {
        let mut body = json!({"content": "伪造"});
        for (key, value) in extra.as_object().unwrap() {
            body[key] = value.clone();
        }
        let problem = assert_problem(app.post_comment(&member.access_token, article, body).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["code"], "unknown_field");
    }
    let created = app.comment(&member.access_token, article, "正常").await;
    assert_eq!(created["status"], "pending", "policy all");
    let author: i64 = app.with_db(|c| comments::table.select(comments::member_id).first(c).unwrap()).await;
    assert_eq!(author, member.member["id"].as_i64().unwrap());
    app.stop().await;
});

on_both_backends!(async fn new_members_wait_until_three_comments_are_approved_and_links_or_banned_words_always_wait(backend) {
    let (app, article) = app_with_article(backend, &[("KANWU_COMMENT_INTERVAL_SECS", "0")], 0).await;
    let admin = app.admin("moderator", PASSWORD).await;
    let member = app.register_personal("newcomer", PASSWORD).await;

    let mut pending = Vec::new();
    for i in 0..3 {
        let created = app.comment(&member.access_token, article, &format!("第{i}条")).await;
        assert_eq!(created["status"], "pending");
        pending.push(created["id"].as_i64().unwrap());
    }
    assert_eq!(approved_list(&app, article).await["total"], 0, "nothing shows while pending");
    let bulk = app.send_as(reqwest::Method::POST, "/api/v1/admin/comments/bulk", &admin.access_token, json!({"ids": pending, "action": "approve"})).await;
    assert_eq!(bulk.json::<Value>().await.unwrap()["affected"], 3);
    assert_eq!(app.comment(&member.access_token, article, "第四条").await["status"], "approved", "trusted now");

    let links = app.comment(&member.access_token, article, "http://a.example https://b.example www.c.example").await;
    assert_eq!(links["status"], "pending");
    // A NUL in a word was a 500 on PostgreSQL (found by the fuzzer): control characters are refused.
    let nul = app.send_as(reqwest::Method::PUT, "/api/v1/admin/banned-words", &admin.access_token, json!({"words": ["代开\u{0}发票"]})).await;
    assert_problem(nul, 422, "validation_failed").await;
    let set = app.send_as(reqwest::Method::PUT, "/api/v1/admin/banned-words", &admin.access_token, json!({"words": ["代开发票"]})).await;
    assert_eq!(set.status(), 200);
    assert_eq!(app.comment(&member.access_token, article, "专业代开发票").await["status"], "pending");
    assert_eq!(comment_count(&app, article).await, 4);
    app.stop().await;
});

on_both_backends!(async fn comment_counts_follow_approval_rejection_and_deletion(backend) {
    let (app, article) = app_with_article(backend, &[("KANWU_COMMENT_MODERATION", "all"), ("KANWU_COMMENT_INTERVAL_SECS", "0")], 0).await;
    let admin = app.admin("moderator", PASSWORD).await;
    let member = app.register_personal("counted", PASSWORD).await;
    let ids: Vec<i64> = {
        let mut ids = Vec::new();
        for i in 0..3 {
            ids.push(app.comment(&member.access_token, article, &format!("评论{i}")).await["id"].as_i64().unwrap());
        }
        ids
    };
    assert_eq!(comment_count(&app, article).await, 0);

    for id in &ids {
        let r = app.send_as(reqwest::Method::PATCH, &format!("/api/v1/admin/comments/{id}"), &admin.access_token, json!({"status": "approved"})).await;
        assert_eq!(r.status(), 204);
    }
    assert_eq!(comment_count(&app, article).await, 3);
    app.send_as(reqwest::Method::PATCH, &format!("/api/v1/admin/comments/{}", ids[0]), &admin.access_token, json!({"status": "rejected"})).await;
    assert_eq!(comment_count(&app, article).await, 2);
    let own_delete = app.client.delete(app.url(&format!("/api/v1/comments/{}", ids[1]))).bearer_auth(&member.access_token).send().await.unwrap();
    assert_eq!(own_delete.status(), 204);
    assert_eq!(comment_count(&app, article).await, 1);
    let admin_delete = app.client.delete(app.url(&format!("/api/v1/admin/comments/{}", ids[2]))).bearer_auth(&admin.access_token).send().await.unwrap();
    assert_eq!(admin_delete.status(), 204);
    assert_eq!(comment_count(&app, article).await, 0);

    let queue: Value = app.get_as("/api/v1/admin/comments?status=rejected", &admin.access_token).await.json().await.unwrap();
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["article_title"], "加强秘书队伍建设要坚持“四要”");
    app.stop().await;
});

on_both_backends!(async fn a_hundred_members_commenting_at_once_all_succeed(backend) {
    // One test address for all hundred: lift the per-address hourly cap.
    // A pool as in production: the test is about the database, not about a starved pool.
    let settings = [
        OPEN,
        &[("KANWU_COMMENT_HOURLY_CAP", "1000"), ("KANWU_DB_POOL_SIZE", "16"), ("KANWU_DB_POOL_TIMEOUT_MS", "5000")],
    ]
    .concat();
    let (app, article) = app_with_article(backend, &settings, 0).await;
    let mut sessions = Vec::new();
    for i in 0..100 {
        sessions.push(app.register_personal(&format!("crowd-{i}"), PASSWORD).await);
    }
    let mut bodies = Vec::new();
    for (i, _) in sessions.iter().enumerate() {
        let (id, answer) = app.captcha().await;
        bodies.push(json!({"content": format!("第{i}位读者的评论"), "captcha_id": id, "captcha_answer": answer}));
    }

    let responses = futures_util::future::join_all(sessions.iter().zip(bodies).map(|(session, body)| {
        let app = &app;
        async move { app.comment_request(&session.access_token, article, &body).send().await.unwrap() }
    }))
    .await;

    let mut failures = Vec::new();
    for response in responses {
        if response.status() != 201 {
            failures.push(format!("{} {}", response.status(), response.text().await.unwrap()));
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "distinct failures: {failures:?}");
    assert_eq!(comment_count(&app, article).await, 100);
    assert_eq!(approved_list(&app, article).await["total"], 100);
    app.stop().await;
});

on_both_backends!(async fn pending_enterprises_and_closed_articles_cannot_be_commented(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let enterprise = app
        .register(json!({
            "kind": "enterprise", "username": "new-company", "password": PASSWORD, "email": "a@example.org",
            "company_name": "湖南秘书科技有限公司", "credit_code": "91350100M000100Y43",
            "contact_person": "李明", "contact_phone": "0745-1234567"
        }))
        .await;
    let enterprise = system_tests::members::session_of(enterprise).await;
    assert_problem(app.post_comment(&enterprise.access_token, article, json!({"content": "企业留言"})).await, 403, "member_pending").await;

    let member = app.register_personal("reader", PASSWORD).await;
    app.with_db(move |c| {
        diesel::update(articles::table.find(article)).set(articles::comments_open.eq(false)).execute(c).unwrap();
    })
    .await;
    assert_problem(app.post_comment(&member.access_token, article, json!({"content": "关闭了吗"})).await, 403, "comments_closed").await;
    assert_problem(app.post_comment(&member.access_token, 999_999, json!({"content": "不存在"})).await, 404, "not_found").await;
    app.stop().await;
});

on_both_backends!(async fn members_edit_their_own_comments_for_fifteen_minutes_and_see_them_all(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let member = app.register_personal("editor-of-self", PASSWORD).await;
    let first = app.comment(&member.access_token, article, "初稿").await["id"].as_i64().unwrap();
    let second = app.comment(&member.access_token, article, "另一条").await["id"].as_i64().unwrap();

    let edited = app.send_as(reqwest::Method::PATCH, &format!("/api/v1/comments/{first}"), &member.access_token, json!({"content": "修改后"})).await;
    assert_eq!(edited.status(), 200);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!((edited["content"].as_str(), edited["edited"].as_bool()), (Some("修改后"), Some(true)));

    app.with_db(move |c| {
        diesel::update(comments::table.find(second))
            .set(comments::created_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(16)))
            .execute(c)
            .unwrap();
    })
    .await;
    let late = app.send_as(reqwest::Method::PATCH, &format!("/api/v1/comments/{second}"), &member.access_token, json!({"content": "太晚了"})).await;
    assert_problem(late, 403, "edit_window_closed").await;

    let mine: Value = app.get_as("/api/v1/members/me/comments", &member.access_token).await.json().await.unwrap();
    assert_eq!(mine["total"], 2);
    app.stop().await;
});

on_both_backends!(async fn replies_quote_and_the_latest_comments_show_site_wide(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let company = app
        .register(json!({
            "kind": "enterprise", "username": "approved-co", "password": PASSWORD, "email": "b@example.org",
            "company_name": "长沙文秘服务公司", "credit_code": "91350100M000100Y43",
            "contact_person": "王芳", "contact_phone": "0731-7654321"
        }))
        .await;
    let company = system_tests::members::session_of(company).await;
    let admin = app.admin("site-admin", PASSWORD).await;
    let company_id = company.member["id"].as_i64().unwrap();
    app.send_as(reqwest::Method::POST, &format!("/api/v1/admin/members/{company_id}/review"), &admin.access_token, json!({"decision": "approve", "reason": "资料齐全"}))
        .await;
    let member = app.register_personal("replier", PASSWORD).await;

    let original = app.comment(&company.access_token, article, "欢迎交流").await;
    assert_eq!(original["author"]["display_name"], "长沙文秘服务公司", "an enterprise shows its company");
    let reply = app.post_comment(&member.access_token, article, json!({"content": "谢谢", "reply_to": original["id"]})).await;
    let reply: Value = reply.json().await.unwrap();
    assert_eq!(reply["reply_to"]["id"], original["id"]);
    assert_eq!(reply["reply_to"]["content"], "欢迎交流");

    let latest: Value = app.get("/api/v1/comments/latest?limit=5").await.unwrap().json().await.unwrap();
    assert_eq!(latest["items"][0]["content"], "谢谢");
    assert_eq!(latest["items"][0]["article_title"], "加强秘书队伍建设要坚持“四要”");
    assert_problem(app.get("/api/v1/comments/latest?limit=0").await.unwrap(), 422, "validation_failed").await;
    let home: Value = app.get("/api/v1/home").await.unwrap().json().await.unwrap();
    assert_eq!(home["latest_comments"][0]["content"], "谢谢");
    app.stop().await;
});

on_both_backends!(async fn comment_lists_are_paginated_with_headers(backend) {
    let (app, article) = app_with_article(backend, OPEN, 0).await;
    let member = app.register_personal("prolific", PASSWORD).await;
    for i in 0..3 {
        app.comment(&member.access_token, article, &format!("评论{i}")).await;
    }

    let response = app.get(&format!("/api/v1/articles/{article}/comments?per_page=2")).await.unwrap();
    assert_eq!(response.headers()["x-total-count"], "3");
    assert!(response.headers()["link"].to_str().unwrap().contains("page=2>; rel=\"next\""));
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["items"][0]["content"], "评论2", "newest first");
    assert_eq!(page["total_pages"], 2);
    let body = assert_problem(app.get(&format!("/api/v1/articles/{article}/comments?per_page=101")).await.unwrap(), 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "per_page");
    app.stop().await;
});

//! Editorial: article writes with If-Match, the workflow, revisions, trash, preview, visibility,
//! API tokens and the audit log (SECURITY-TESTS rows Z3 in part, D5, X2, I4).

use diesel::prelude::*;
use kanwu_api::db::schema::{api_tokens, members};
use reqwest::Method;
use serde_json::{json, Value};
use system_tests::editorial::{desk, Desk};
use system_tests::members::{Session, PASSWORD};
use system_tests::{assert_problem, on_both_backends, TestApp};

async fn audit_actions(app: &TestApp, admin: &Session) -> Vec<String> {
    let page: Value = app
        .get_as("/api/v1/admin/audit?per_page=100", &admin.access_token)
        .await
        .json()
        .await
        .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

on_both_backends!(async fn an_editor_writes_a_draft_then_publishes_it_and_readers_see_it(backend) {
    let Desk { app, admin, editor, features, .. } = desk(backend).await;
    let (draft, etag) = app.created_article(&editor.access_token, json!({
        "category_id": features, "title": "加强秘书队伍建设要坚持“四要”", "author": "周辉",
        "summary": "四要", "body_markdown": "## 一、政治上要忠诚可靠\n\n正文"
    })).await;
    let id = draft["id"].as_i64().unwrap();
    assert_eq!(draft["status"], "draft");
    assert!(draft["body_html"].as_str().unwrap().contains("<h2>一、政治上要忠诚可靠</h2>"));
    assert_eq!(app.get(&format!("/api/v1/articles/{id}")).await.unwrap().status(), 404, "drafts are not public");
    let as_editor = app.get_as(&format!("/api/v1/articles/{id}"), &editor.access_token).await;
    assert_eq!(as_editor.status(), 200);
    assert_eq!(as_editor.headers()["etag"].to_str().unwrap(), etag);
    assert!(as_editor.headers()["cache-control"].to_str().unwrap().contains("no-store"));

    let published = app.patch_article(&editor.access_token, id, Some(&etag), json!({"status": "published"})).await;
    assert_eq!(published.status(), 200);
    let published: Value = published.json().await.unwrap();
    assert_eq!(published["status"], "published");
    assert!(published["published_at"].is_string());

    let public: Value = app.get(&format!("/api/v1/articles/{id}")).await.unwrap().json().await.unwrap();
    assert_eq!(public["title"], "加强秘书队伍建设要坚持“四要”");
    let list: Value = app.get("/api/v1/articles?category=features").await.unwrap().json().await.unwrap();
    assert_eq!(list["items"][0]["id"], id);
    let actions = audit_actions(&app, &admin).await;
    assert!(actions.contains(&"article.create".to_owned()) && actions.contains(&"article.publish".to_owned()), "{actions:?}");
    app.stop().await;
});

on_both_backends!(async fn a_stale_if_match_is_412_and_changes_nothing_and_none_is_428(backend) {
    let Desk { app, editor, features, .. } = desk(backend).await;
    let (article, etag) = app.created_article(&editor.access_token, json!({"category_id": features, "title": "原题"})).await;
    let id = article["id"].as_i64().unwrap();

    let first = app.patch_article(&editor.access_token, id, Some(&etag), json!({"title": "甲改"})).await;
    assert_eq!(first.status(), 200);
    let second = app.patch_article(&editor.access_token, id, Some(&etag), json!({"title": "乙改"})).await;
    assert_problem(second, 412, "edit_conflict").await;
    assert_problem(app.patch_article(&editor.access_token, id, None, json!({"title": "丙改"})).await, 428, "if_match_required").await;
    // An empty If-Match names no version: the same as none (found by the fuzzer, which expects 428).
    assert_problem(app.patch_article(&editor.access_token, id, Some(""), json!({"title": "丁改"})).await, 428, "if_match_required").await;
    let now: Value = app.get_as(&format!("/api/v1/articles/{id}"), &editor.access_token).await.json().await.unwrap();
    assert_eq!(now["title"], "甲改", "the stale and the unconditional saves changed nothing");
    app.stop().await;
});

on_both_backends!(async fn members_cannot_write_articles_and_anonymous_callers_must_sign_in(backend) {
    let Desk { app, features, .. } = desk(backend).await;
    let member = app.register_personal("plain-reader", PASSWORD).await;
    let body = json!({"category_id": features, "title": "越权"});
    assert_problem(app.create_article(&member.access_token, body.clone()).await, 403, "editor_only").await;
    let anonymous = app.client.post(app.url("/api/v1/articles")).json(&body).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;
    app.stop().await;
});

on_both_backends!(async fn invalid_articles_are_422_with_every_field_named(backend) {
    let Desk { app, editor, features, .. } = desk(backend).await;
    let response = app.create_article(&editor.access_token, json!({
        "category_id": 999_999, "title": "题".repeat(201), "cover_url": "javascript:alert(1)"
    })).await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for field in ["category_id", "title", "cover_url"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let blank = app.create_article(&editor.access_token, json!({"category_id": features, "title": "  "})).await;
    assert_problem(blank, 422, "validation_failed").await;
    let mass_assign = app.create_article(&editor.access_token, json!({"category_id": features, "title": "题", "views": 1_000_000_000})).await;
    assert_problem(mass_assign, 422, "validation_failed").await;
    // Bodies beyond the 64 KB default are fine for articles (up to 1 MB).
    let long = app.create_article(&editor.access_token, json!({"category_id": features, "title": "长文", "body_markdown": "秘书工作。".repeat(30_000)})).await;
    assert_eq!(long.status(), 201);
    app.stop().await;
});

on_both_backends!(async fn status_moves_follow_the_workflow_and_scheduled_articles_wait_for_their_time(backend) {
    let Desk { app, editor, features, .. } = desk(backend).await;
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let (scheduled, etag) = app.created_article(&editor.access_token, json!({
        "category_id": features, "title": "明天见", "status": "published", "published_at": tomorrow
    })).await;
    let id = scheduled["id"].as_i64().unwrap();
    assert_eq!(app.get(&format!("/api/v1/articles/{id}")).await.unwrap().status(), 404, "not before its time");

    let archived = app.patch_article(&editor.access_token, id, Some(&etag), json!({"status": "archived"})).await;
    assert_eq!(archived.status(), 200);
    let etag = archived.headers()["etag"].to_str().unwrap().to_owned();
    let back_to_pending = app.patch_article(&editor.access_token, id, Some(&etag), json!({"status": "pending"})).await;
    assert_problem(back_to_pending, 409, "invalid_status_transition").await;
    let to_draft = app.patch_article(&editor.access_token, id, Some(&etag), json!({"status": "draft"})).await;
    assert_eq!(to_draft.status(), 200);
    let etag = to_draft.headers()["etag"].to_str().unwrap().to_owned();
    let now = app.patch_article(&editor.access_token, id, Some(&etag), json!({"status": "published", "published_at": chrono::Utc::now().to_rfc3339()})).await;
    assert_eq!(now.status(), 200);
    assert_eq!(app.get(&format!("/api/v1/articles/{id}")).await.unwrap().status(), 200);
    app.stop().await;
});

on_both_backends!(async fn every_text_change_keeps_a_revision_and_restoring_one_puts_it_back(backend) {
    let Desk { app, admin, editor, features, .. } = desk(backend).await;
    let (article, etag) = app.created_article(&editor.access_token, json!({"category_id": features, "title": "第一稿", "body_markdown": "旧正文"})).await;
    let id = article["id"].as_i64().unwrap();
    let changed = app.patch_article(&editor.access_token, id, Some(&etag), json!({"title": "第二稿", "body_markdown": "新正文"})).await;
    let etag = changed.headers()["etag"].to_str().unwrap().to_owned();
    let flags_only = app.patch_article(&editor.access_token, id, Some(&etag), json!({"featured": true})).await;
    let etag = flags_only.headers()["etag"].to_str().unwrap().to_owned();

    let revisions: Value = app.get_as(&format!("/api/v1/articles/{id}/revisions"), &editor.access_token).await.json().await.unwrap();
    let revisions = revisions.as_array().unwrap();
    assert_eq!(revisions.len(), 1, "a flag change keeps no revision");
    assert_eq!((revisions[0]["title"].as_str(), revisions[0]["body_markdown"].as_str()), (Some("第一稿"), Some("旧正文")));
    assert_eq!(revisions[0]["editor_id"], editor.member["id"]);

    let restored = app.patch_article(&editor.access_token, id, Some(&etag), json!({"restore_revision": revisions[0]["id"]})).await;
    assert_eq!(restored.status(), 200);
    let restored: Value = restored.json().await.unwrap();
    assert_eq!((restored["title"].as_str(), restored["body_markdown"].as_str()), (Some("第一稿"), Some("旧正文")));
    assert!(restored["body_html"].as_str().unwrap().contains("旧正文"));
    let revisions: Value = app.get_as(&format!("/api/v1/articles/{id}/revisions"), &editor.access_token).await.json().await.unwrap();
    assert_eq!(revisions[0]["title"], "第二稿", "restoring kept the replaced text too");
    assert!(audit_actions(&app, &admin).await.contains(&"article.restore_revision".to_owned()));
    app.stop().await;
});

on_both_backends!(async fn the_trash_hides_an_article_and_only_an_admin_purges_it(backend) {
    let Desk { app, admin, editor, features, .. } = desk(backend).await;
    let (article, _) = app.created_article(&editor.access_token, json!({"category_id": features, "title": "将删的推荐文章", "status": "published", "featured": true})).await;
    let id = article["id"].as_i64().unwrap();
    assert_eq!(app.get(&format!("/api/v1/articles/{id}")).await.unwrap().status(), 200);
    let home = app.get("/api/v1/home").await.unwrap().text().await.unwrap();
    assert!(home.contains("将删的推荐文章"), "on the home page before: {home}");
    let count_of_features = |tree: Value| tree["items"].as_array().unwrap().iter().find(|c| c["id"] == features).unwrap()["article_count"].as_i64().unwrap();
    let before = count_of_features(app.get("/api/v1/categories").await.unwrap().json().await.unwrap());

    let trashed = app.send_as(Method::DELETE, &format!("/api/v1/articles/{id}"), &editor.access_token, json!({})).await;
    assert_eq!(trashed.status(), 204);
    assert_eq!(app.get(&format!("/api/v1/articles/{id}")).await.unwrap().status(), 404);
    let home = app.get("/api/v1/home").await.unwrap().text().await.unwrap();
    assert!(!home.contains("将删的推荐文章"), "the home page's blocks and 推荐 leave it out: {home}");
    let listed: Value = app.get("/api/v1/articles?flag=featured").await.unwrap().json().await.unwrap();
    assert!(listed["items"].as_array().unwrap().iter().all(|item| item["id"] != id));
    let after = count_of_features(app.get("/api/v1/categories").await.unwrap().json().await.unwrap());
    assert_eq!(after, before - 1, "category counts leave it out");
    let trash: Value = app.get_as("/api/v1/admin/articles?trashed=true", &editor.access_token).await.json().await.unwrap();
    assert_eq!(trash["items"][0]["id"], id);
    assert!(trash["items"][0]["trashed_at"].is_string());

    let purge_path = format!("/api/v1/articles/{id}?purge=true");
    assert_problem(app.send_as(Method::DELETE, &purge_path, &editor.access_token, json!({})).await, 403, "admin_only").await;
    assert_eq!(app.send_as(Method::DELETE, &purge_path, &admin.access_token, json!({})).await.status(), 204);
    assert_eq!(app.get_as(&format!("/api/v1/articles/{id}"), &admin.access_token).await.status(), 404, "gone for good");
    let actions = audit_actions(&app, &admin).await;
    assert!(actions.contains(&"article.trash".to_owned()) && actions.contains(&"article.purge".to_owned()));
    app.stop().await;
});

on_both_backends!(async fn a_body_that_is_a_json_array_is_422_not_read_as_the_fields_in_order(backend) {
    let Desk { app, editor, features, .. } = desk(backend).await;
    // serde reads a struct from an array of its fields; the fuzzer found `[]` previewed with 200.
    for (path, body) in [
        ("/api/v1/articles/preview", json!([])),
        ("/api/v1/articles", json!([features, "按位置的标题"])),
        ("/api/v1/categories", json!(["访谈", "interviews"])),
    ] {
        let response = app.send_as(Method::POST, path, &editor.access_token, body).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["code"], "invalid_type", "{path}");
    }
    let login = app.client.post(app.url("/api/v1/auth/login")).json(&json!(["desk-editor", PASSWORD])).send().await.unwrap();
    assert_problem(login, 422, "validation_failed").await;
    app.stop().await;
});

on_both_backends!(async fn a_nul_in_a_list_filter_is_422_not_a_database_error(backend) {
    let Desk { app, editor, .. } = desk(backend).await;
    // PostgreSQL cannot compare text with a NUL: the fuzzer found a 500 on the editors' list.
    for path in ["/api/v1/articles?author=%00", "/api/v1/articles?q=a%00b", "/api/v1/admin/articles?author=x%00", "/api/v1/admin/articles?q=%00"] {
        let response = app.get_as(path, &editor.access_token).await;
        assert_problem(response, 422, "validation_failed").await;
    }
    app.stop().await;
});

on_both_backends!(async fn preview_renders_the_sanitised_html_readers_get(backend) {
    let Desk { app, editor, .. } = desk(backend).await;
    let markdown = "**粗体**\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[点我](javascript:alert(1)) [图](data:text/html,x) <p style=\"color:red\">红</p> [站外](https://example.com)";
    let response = app.send_as(Method::POST, "/api/v1/articles/preview", &editor.access_token, json!({"body_markdown": markdown})).await;
    assert_eq!(response.status(), 200);
    let html = response.json::<Value>().await.unwrap()["body_html"].as_str().unwrap().to_owned();
    assert!(html.contains("<strong>粗体</strong>"), "{html}");
    for banned in ["<script", "onerror", "javascript:", "data:text", "style="] {
        assert!(!html.contains(banned), "{banned} survived: {html}");
    }
    assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    app.stop().await;
});

on_both_backends!(async fn restricted_bodies_go_only_to_those_allowed(backend) {
    let Desk { app, editor, features, .. } = desk(backend).await;
    let (members_only, _) = app.created_article(&editor.access_token, json!({"category_id": features, "title": "会员文章", "summary": "摘要可见", "body_markdown": "会员正文", "visibility": "members", "status": "published"})).await;
    let (enterprise_only, _) = app.created_article(&editor.access_token, json!({"category_id": features, "title": "企业文章", "body_markdown": "企业正文", "visibility": "enterprise", "status": "published"})).await;
    let (members_id, enterprise_id) = (members_only["id"].as_i64().unwrap(), enterprise_only["id"].as_i64().unwrap());

    let anonymous = app.get(&format!("/api/v1/articles/{members_id}")).await.unwrap();
    assert!(anonymous.headers()["cache-control"].to_str().unwrap().starts_with("public"));
    let anonymous: Value = anonymous.json().await.unwrap();
    assert_eq!((anonymous["summary"].as_str(), anonymous["restricted"].as_str()), (Some("摘要可见"), Some("members")));
    assert!(anonymous.get("body_html").is_none() && anonymous.get("body_markdown").is_none(), "{anonymous}");

    let member = app.register_personal("reading-member", PASSWORD).await;
    let as_member = app.get_as(&format!("/api/v1/articles/{members_id}"), &member.access_token).await;
    assert!(as_member.headers()["cache-control"].to_str().unwrap().contains("private"), "a body for one caller is never publicly cacheable");
    let as_member: Value = as_member.json().await.unwrap();
    assert_eq!(as_member["body_markdown"], "会员正文");
    assert!(as_member["restricted"].is_null());

    let personal: Value = app.get_as(&format!("/api/v1/articles/{enterprise_id}"), &member.access_token).await.json().await.unwrap();
    assert_eq!(personal["restricted"], "enterprise");
    assert!(personal.get("body_html").is_none());
    let staff: Value = app.get_as(&format!("/api/v1/articles/{enterprise_id}"), &editor.access_token).await.json().await.unwrap();
    assert_eq!(staff["body_markdown"], "企业正文");

    let list: Value = app.get("/api/v1/articles?category=features").await.unwrap().json().await.unwrap();
    let visibilities: Vec<&str> = list["items"].as_array().unwrap().iter().map(|i| i["visibility"].as_str().unwrap()).collect();
    assert!(visibilities.contains(&"members") && visibilities.contains(&"enterprise"), "titles are listed, marked");
    app.stop().await;
});

on_both_backends!(async fn api_tokens_act_within_their_scopes_until_revoked_or_expired(backend) {
    let Desk { app, admin, editor, features, .. } = desk(backend).await;
    let made = app.send_as(Method::POST, "/api/v1/members/me/tokens", &editor.access_token, json!({"name": "发布脚本", "scopes": ["articles:write"]})).await;
    assert_eq!(made.status(), 201);
    let made: Value = made.json().await.unwrap();
    let token = made["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("kw_") && token.len() > 40);

    let (article, _) = app.created_article(&token, json!({"category_id": features, "title": "脚本写的"})).await;
    assert_eq!(article["title"], "脚本写的");
    let moderate = app.get_as("/api/v1/admin/comments", &token).await;
    assert_problem(moderate, 403, "token_scope_missing").await;
    let own_write = app.send_as(Method::POST, "/api/v1/members/me/tokens", &token, json!({"name": "再来一个", "scopes": []})).await;
    assert_problem(own_write, 403, "token_not_allowed").await;

    let beyond = app.send_as(Method::POST, "/api/v1/members/me/tokens", &editor.access_token, json!({"name": "越权", "scopes": ["audit:read"]})).await;
    assert_problem(beyond, 422, "validation_failed").await;

    let listed: Value = app.get_as("/api/v1/members/me/tokens", &editor.access_token).await.json().await.unwrap();
    assert_eq!(listed[0]["name"], "发布脚本");
    assert!(listed[0]["last_used_at"].is_string(), "use is recorded");
    assert!(!listed.to_string().contains(&token), "the secret is shown only once");
    let stored_hash: String = app.with_db(|c| api_tokens::table.select(api_tokens::token_hash).first(c).unwrap()).await;
    assert_ne!(stored_hash, token, "stored hashed");

    // Expired: refused.
    app.with_db(|c| {
        diesel::update(api_tokens::table).set(api_tokens::expires_at.eq(Some(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1)))).execute(c).unwrap();
    }).await;
    assert_problem(app.create_article(&token, json!({"category_id": features, "title": "过期"})).await, 401, "unauthenticated").await;
    app.with_db(|c| { diesel::update(api_tokens::table).set(api_tokens::expires_at.eq(None::<chrono::NaiveDateTime>)).execute(c).unwrap(); }).await;
    assert_eq!(app.create_article(&token, json!({"category_id": features, "title": "又可以了"})).await.status(), 201);

    // Revoked: refused at once.
    let id = made["id"].as_i64().unwrap();
    assert_eq!(app.send_as(Method::DELETE, &format!("/api/v1/members/me/tokens/{id}"), &editor.access_token, json!({})).await.status(), 204);
    assert_problem(app.create_article(&token, json!({"category_id": features, "title": "吊销后"})).await, 401, "unauthenticated").await;

    // A token follows its owner's role: demoted, the scope no longer helps.
    let second: Value = app.send_as(Method::POST, "/api/v1/members/me/tokens", &editor.access_token, json!({"name": "第二个", "scopes": ["articles:write"]})).await.json().await.unwrap();
    let editor_id = editor.member["id"].as_i64().unwrap();
    app.with_db(move |c| { diesel::update(members::table.find(editor_id)).set(members::role.eq("member")).execute(c).unwrap(); }).await;
    assert_problem(app.create_article(second["token"].as_str().unwrap(), json!({"category_id": features, "title": "降级后"})).await, 403, "editor_only").await;
    let actions = audit_actions(&app, &admin).await;
    assert!(actions.contains(&"token.create".to_owned()) && actions.contains(&"token.delete".to_owned()));
    app.stop().await;
});

on_both_backends!(async fn the_audit_log_is_for_admins_and_filters_by_action(backend) {
    let Desk { app, admin, editor, features, .. } = desk(backend).await;
    app.created_article(&editor.access_token, json!({"category_id": features, "title": "记一笔"})).await;
    assert_problem(app.get_as("/api/v1/admin/audit", &editor.access_token).await, 403, "admin_only").await;
    let page = app.get_as("/api/v1/admin/audit?action=article.create", &admin.access_token).await;
    assert_eq!(page.headers()["x-total-count"], "1");
    let page: Value = page.json().await.unwrap();
    let entry = &page["items"][0];
    assert_eq!((entry["actor_name"].as_str(), entry["target_type"].as_str()), (Some("desk-editor"), Some("article")));
    assert!(entry["summary"].as_str().unwrap().contains("记一笔"));
    let member_changes: Value = app.get_as("/api/v1/admin/audit?target_type=member", &admin.access_token).await.json().await.unwrap();
    assert_eq!(member_changes["items"][0]["action"], "member.update", "the promotion to editor was recorded");
    app.stop().await;
});

on_both_backends!(async fn categories_are_created_moved_without_cycles_and_deleted_only_when_empty(backend) {
    let Desk { app, admin, editor, features, .. } = desk(backend).await;
    let created = app.send_as(Method::POST, "/api/v1/categories", &editor.access_token, json!({"name": "访谈", "slug": "interviews", "parent_id": features})).await;
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let interviews: Value = created.json().await.unwrap();
    assert_eq!((interviews["depth"].as_i64(), interviews["parent_id"].as_i64()), (Some(1), Some(features)));
    let child = interviews["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/categories/{child}"), "the fuzzer's stateful phase follows it");
    assert_eq!(app.get(&location).await.unwrap().status(), 200);

    assert_problem(app.send_as(Method::POST, "/api/v1/categories", &editor.access_token, json!({"name": "重名", "slug": "interviews"})).await, 409, "slug_taken").await;
    let bad = app.send_as(Method::POST, "/api/v1/categories", &editor.access_token, json!({"name": " ", "slug": "Not A Slug"})).await;
    let bad = assert_problem(bad, 422, "validation_failed").await;
    assert_eq!(bad["errors"].as_array().unwrap().len(), 2, "{bad}");

    // Under its own child: a cycle. Nothing moves.
    let cycle = app.send_as(Method::PATCH, &format!("/api/v1/categories/{features}"), &editor.access_token, json!({"parent_id": child})).await;
    let cycle = assert_problem(cycle, 422, "validation_failed").await;
    assert_eq!(cycle["errors"][0]["code"], "cycle");
    let onto_itself = app.send_as(Method::PATCH, "/api/v1/categories/features", &editor.access_token, json!({"parent_id": features})).await;
    assert_problem(onto_itself, 422, "validation_failed").await;
    let renamed = app.send_as(Method::PATCH, "/api/v1/categories/interviews", &editor.access_token, json!({"name": "人物访谈", "parent_id": null, "sort_order": 5})).await;
    assert_eq!(renamed.status(), 200);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!((renamed["name"].as_str(), renamed["parent_id"].as_i64(), renamed["sort_order"].as_i64()), (Some("人物访谈"), None, Some(5)));

    let (article, _) = app.created_article(&editor.access_token, json!({"category_id": features, "title": "占位", "status": "published"})).await;
    let not_empty = app.send_as(Method::DELETE, "/api/v1/categories/features", &editor.access_token, json!({})).await;
    assert_problem(not_empty, 409, "category_not_empty").await;
    let moved = app.send_as(Method::DELETE, &format!("/api/v1/categories/features?move_to={child}"), &editor.access_token, json!({})).await;
    assert_eq!(moved.status(), 204);
    let article: Value = app.get(&format!("/api/v1/articles/{}", article["id"])).await.unwrap().json().await.unwrap();
    assert_eq!(article["category_id"], child, "its article moved with the delete");
    assert_eq!(app.get("/api/v1/categories/features").await.unwrap().status(), 404);
    let actions = audit_actions(&app, &admin).await;
    for action in ["category.create", "category.update", "category.delete"] {
        assert!(actions.contains(&action.to_owned()), "{action} in {actions:?}");
    }
    app.stop().await;
});

on_both_backends!(async fn json_sent_as_plain_text_is_415_and_answers_say_utf_8_json(backend) {
    let Desk { app, editor, features, .. } = desk(backend).await;
    let plain = app.client.post(app.url("/api/v1/articles")).bearer_auth(&editor.access_token)
        .header("Content-Type", "text/plain")
        .body(json!({"category_id": features, "title": "纯文本"}).to_string())
        .send().await.unwrap();
    assert_problem(plain, 415, "unsupported_media_type").await;
    let plain_category = app.client.post(app.url("/api/v1/categories")).bearer_auth(&editor.access_token)
        .header("Content-Type", "text/plain").body(r#"{"name":"x","slug":"x"}"#).send().await.unwrap();
    assert_problem(plain_category, 415, "unsupported_media_type").await;
    let list = app.get("/api/v1/articles").await.unwrap();
    assert_eq!(list.headers()["content-type"], "application/json; charset=utf-8");
    app.stop().await;
});

on_both_backends!(async fn every_kind_of_editorial_write_leaves_an_audit_entry(backend) {
    let Desk { app, admin, editor, features, .. } = desk(backend).await;
    let (article, _) = app.created_article(&editor.access_token, json!({"category_id": features, "title": "审计", "status": "published"})).await;
    let article_id = article["id"].as_i64().unwrap();
    let member = app.register_personal("audited-reader", PASSWORD).await;
    let member_id = member.member["id"].as_i64().unwrap();
    let comment_id: i64 = app.with_db(move |c| {
        use kanwu_api::db::schema::comments;
        let now = chrono::Utc::now().naive_utc();
        diesel::insert_into(comments::table)
            .values((comments::article_id.eq(article_id), comments::member_id.eq(member_id), comments::content.eq("待审"),
                comments::status.eq("pending"), comments::client_hash.eq("t"), comments::created_at.eq(now), comments::updated_at.eq(now)))
            .returning(comments::id).get_result(c).unwrap()
    }).await;
    let moderate = app.send_as(Method::PATCH, &format!("/api/v1/admin/comments/{comment_id}"), &editor.access_token, json!({"status": "approved"})).await;
    assert_eq!(moderate.status(), 204);
    let bulk = app.send_as(Method::POST, "/api/v1/admin/comments/bulk", &editor.access_token, json!({"ids": [comment_id], "action": "reject"})).await;
    assert_eq!(bulk.status(), 200);
    let words = app.send_as(Method::PUT, "/api/v1/admin/banned-words", &admin.access_token, json!({"words": ["广告"]})).await;
    assert_eq!(words.status(), 200);
    let disabled = app.send_as(Method::PATCH, &format!("/api/v1/admin/members/{member_id}"), &admin.access_token, json!({"status": "disabled"})).await;
    assert_eq!(disabled.status(), 200);
    let deleted = app.send_as(Method::DELETE, &format!("/api/v1/admin/comments/{comment_id}"), &editor.access_token, json!({})).await;
    assert_eq!(deleted.status(), 204);

    let actions = audit_actions(&app, &admin).await;
    for action in ["article.create", "comment.moderate", "comment.bulk", "settings.banned_words", "member.update", "comment.delete"] {
        assert!(actions.contains(&action.to_owned()), "{action} in {actions:?}");
    }
    let entry: Value = app.get_as("/api/v1/admin/audit?action=comment.moderate", &admin.access_token).await.json().await.unwrap();
    assert_eq!((entry["items"][0]["target_id"].as_str(), entry["items"][0]["actor_name"].as_str()), (Some(comment_id.to_string().as_str()), Some("desk-editor")));
    app.stop().await;
});

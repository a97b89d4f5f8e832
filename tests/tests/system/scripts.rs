//! docs/admin-scripts.md, run as written: every `bash` block, in order, in one shell, against the
//! real binary. A recipe that stops working fails here.

use diesel::prelude::*;
use kanwu_api::db::schema::comments;
use serde_json::{json, Value};
use system_tests::fixtures::{category, ArticleFixture};
use system_tests::members::PASSWORD;
use system_tests::{on_both_backends, TestApp};

/// The `bash` blocks of a Markdown page, joined in order.
fn bash_blocks(markdown: &str) -> String {
    let mut script = String::new();
    let mut inside = false;
    for line in markdown.lines() {
        match (inside, line.trim_end()) {
            (false, "```bash") => inside = true,
            (true, "```") => {
                inside = false;
                script.push('\n');
            }
            (true, code) => {
                script.push_str(code);
                script.push('\n');
            }
            _ => {}
        }
    }
    script
}

on_both_backends!(async fn the_admin_curl_recipes_work_as_written(backend) {
    let app = TestApp::spawn_with(backend, &[("KANWU_READ_CACHE_MS", "0")]).await;
    let article = app
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            ArticleFixture::new(features, "已发表的文章").insert(c)
        })
        .await;
    app.admin("chief", PASSWORD).await;
    // Something for recipes 5 and 6 to do: a pending comment and a pending enterprise member.
    let commenter = app.register_personal("commenting-reader", PASSWORD).await;
    let commenter_id = commenter.member["id"].as_i64().unwrap();
    app.with_db(move |c| {
        let now = chrono::Utc::now().naive_utc();
        diesel::insert_into(comments::table)
            .values((
                comments::article_id.eq(article),
                comments::member_id.eq(commenter_id),
                comments::content.eq("等待审核的评论"),
                comments::status.eq("pending"),
                comments::client_hash.eq("test"),
                comments::created_at.eq(now),
                comments::updated_at.eq(now),
            ))
            .execute(c)
            .unwrap();
    })
    .await;
    let registered = app.register(json!({
        "kind": "enterprise", "username": "pending-company", "password": PASSWORD,
        "email": "pending-company@example.org", "company_name": "湖南秘书科技有限公司",
        "credit_code": "91350100M000100Y43", "contact_person": "李明", "contact_phone": "0745-1234567"
    })).await;
    assert_eq!(registered.status(), 201);

    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/admin-scripts.md")).unwrap();
    let script = bash_blocks(&page);
    assert!(script.contains("members/me/tokens") && script.contains("articles.json"), "the recipes were found");
    let workdir = tempfile::tempdir().unwrap();
    let base = app.url("");
    let output = tokio::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(workdir.path())
        .env("KANWU", base.trim_end_matches('/'))
        .env("KANWU_USER", "chief")
        .env("KANWU_PASSWORD", PASSWORD)
        .output()
        .await
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the recipes failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));

    // What the recipes did, checked through the API.
    let admin = app.login("chief", PASSWORD).await;
    let published: Value = app.get("/api/v1/articles?category=features").await.unwrap().json().await.unwrap();
    assert_eq!(published["items"][0]["title"], "加强秘书队伍建设要坚持“四要”", "created, then published: {stdout}");
    let cover = published["items"][0]["cover_url"].as_str().unwrap_or_default().to_owned();
    assert!(cover.starts_with("/media/") && cover.ends_with(".png"), "the uploaded cover: {cover}");
    assert_eq!(app.get(&cover).await.unwrap().headers()["content-type"], "image/png");
    let pending: Value = app.get_as("/api/v1/admin/comments?status=pending", &admin.access_token).await.json().await.unwrap();
    assert_eq!(pending["total"], 0, "the pending comment was approved");
    let companies: Value = app.get_as("/api/v1/admin/members?kind=enterprise&status=active", &admin.access_token).await.json().await.unwrap();
    assert_eq!(companies["items"][0]["username"], "pending-company");
    let exported: Value = serde_json::from_slice(&std::fs::read(workdir.path().join("articles.json")).unwrap()).unwrap();
    assert_eq!(exported.as_array().unwrap().len(), 2, "both articles exported");
    assert!(exported.as_array().unwrap().iter().all(|a| a["body_markdown"].is_string()), "whole articles");
    assert!(stdout.contains("article.publish"), "the audit log shows the publication:\n{stdout}");
    app.stop().await;
});

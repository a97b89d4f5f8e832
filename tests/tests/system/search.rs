//! Search (issue #10): Chinese of one, two and many characters, punctuation, mixed Latin and
//! Chinese, title hits first, the index kept current by every write, escaped snippets, filters,
//! and related articles under an article.

use reqwest::Method;
use serde_json::{json, Value};
use system_tests::editorial::desk;
use system_tests::fixtures::ArticleFixture;
use system_tests::requests::article_ids;
use system_tests::{assert_problem, on_both_backends};

on_both_backends!(async fn chinese_queries_of_any_length_find_every_article_that_contains_them(backend) {
    let desk = desk(backend).await;
    let (f, a) = (desk.features, desk.activities);
    let seed = desk.publish(f, "加强秘书队伍建设要坚持“四要”", "新时期，秘书工作面临新的要求。").await;
    let body_only = desk.publish(a, "会议纪要的写法", "做好会议记录是秘书的基本功。").await;
    let mixed = desk.publish(a, "Kanwu AI助手上线", "本刊推出AI秘书，支持GPT-4o。").await;
    let unrelated = desk.publish(f, "档案管理办法", "档案的收集与整理。").await;
    let draft = desk.create(json!({"category_id": f, "title": "秘书草稿", "body_markdown": "秘书"})).await;

    // Two characters: every article containing them, title hits first, then newest first.
    assert_eq!(desk.app.found("秘书").await, [seed, mixed, body_only]);
    // One character: the start of a term (秘 of 秘书, 书 at the end of a run).
    assert_eq!(desk.app.found("秘").await, [seed, mixed, body_only]);
    assert_eq!(desk.app.found("档").await, [unrelated]);
    // Many characters, in a row only.
    assert_eq!(desk.app.found("秘书队伍建设").await, [seed]);
    assert_eq!(desk.app.found("队伍建").await, [seed]);
    assert!(desk.app.found("队伍秘书").await.is_empty());
    // Punctuation and spaces separate parts that must all occur.
    assert_eq!(desk.app.found("秘书，队伍").await, [seed]);
    assert_eq!(desk.app.found("“四要”").await, [seed]);
    assert_eq!(desk.app.found("秘书 记录").await, [body_only]);
    // Latin and Chinese mixed, any case, full-width letters too.
    assert_eq!(desk.app.found("ai秘书").await, [mixed]);
    assert_eq!(desk.app.found("ＡＩ 助手").await, [mixed]);
    assert_eq!(desk.app.found("gpt-4o").await, [mixed]);
    assert_eq!(desk.app.found("kan").await, [mixed]);
    assert!(!desk.app.found("秘书").await.contains(&draft));

    let page = desk.app.search("秘书").await;
    assert_eq!(page["total"], 3);
    assert_eq!(page["items"][0]["in_title"], true);
    assert_eq!(page["items"][2]["in_title"], false);
    assert_eq!(page["items"][0]["title_html"], "加强<mark>秘书</mark>队伍建设要坚持“四要”");
    assert_eq!(page["items"][2]["snippet_html"], "做好会议记录是<mark>秘书</mark>的基本功。");
    desk.app.stop().await;
});

on_both_backends!(async fn a_phrase_is_its_characters_in_a_row_not_its_pieces_apart(backend) {
    let desk = desk(backend).await;
    let (f, a) = (desk.features, desk.activities);
    // Every piece of 秘书队伍建设 (each three characters of it) is in this body, but never all in a row.
    let apart = desk.publish(f, "会议纪要", "秘书队，书队伍，队伍建，伍建设。").await;
    let whole = desk.publish(a, "工作交流", "抓好秘书队伍建设。").await;
    assert_eq!(desk.app.found("秘书队伍建设").await, [whole]);
    assert_eq!(desk.app.found("队伍建").await, [whole, apart]);
    // A phrase with a word: its last piece a prefix.
    let numbered = desk.publish(f, "秘书工作第100篇", "正文").await;
    assert_eq!(desk.app.found("第10").await, [numbered]);
    assert_eq!(desk.app.found("第100篇").await, [numbered]);
    assert!(desk.app.found("工作第1000篇").await.is_empty());
    desk.app.stop().await;
});

on_both_backends!(async fn a_query_without_letters_or_too_long_is_refused_clearly(backend) {
    let desk = desk(backend).await;
    for (query, code) in [("", "required"), ("，。！ ？", "required"), (&"秘".repeat(65)[..], "too_long"), ("秘\0书", "characters")] {
        let response = desk.app.client.get(desk.app.url("/api/v1/search")).query(&[("q", query)]).send().await.unwrap();
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["code"], code, "{query:?}");
    }
    let missing = desk.app.get("/api/v1/search").await.unwrap();
    assert_problem(missing, 422, "validation_failed").await;
    let unknown = desk.app.get("/api/v1/search?q=%E7%A7%98&category=nope").await.unwrap();
    assert_problem(unknown, 404, "not_found").await;
    desk.app.stop().await;
});

on_both_backends!(async fn the_index_follows_every_publish_edit_unpublish_trash_and_purge(backend) {
    let desk = desk(backend).await;
    let id = desk.create(json!({"category_id": desk.features, "title": "鲲鹏计划", "body_markdown": "正文"})).await;
    assert!(desk.app.found("鲲鹏").await.is_empty(), "a draft is not found");
    desk.patch(id, json!({"status": "published"})).await;
    assert_eq!(desk.app.found("鲲鹏").await, [id]);
    desk.patch(id, json!({"title": "新的标题", "body_markdown": "鲲鹏只在正文"})).await;
    assert!(desk.app.found("计划").await.is_empty(), "the old title is gone");
    assert_eq!(desk.app.search("鲲鹏").await["items"][0]["in_title"], false);
    desk.patch(id, json!({"status": "draft"})).await;
    assert!(desk.app.found("鲲鹏").await.is_empty(), "unpublished");
    desk.patch(id, json!({"status": "published"})).await;
    assert_eq!(desk.app.found("鲲鹏").await, [id]);
    let token = desk.admin.access_token.clone();
    let trashed = desk.app.send_as(Method::DELETE, &format!("/api/v1/articles/{id}"), &token, json!({})).await;
    assert_eq!(trashed.status(), 204);
    assert!(desk.app.found("鲲鹏").await.is_empty(), "trashed");
    desk.patch(id, json!({"trashed": false})).await;
    assert_eq!(desk.app.found("鲲鹏").await, [id], "restored");
    let purged = desk.app.send_as(Method::DELETE, &format!("/api/v1/articles/{id}?purge=true"), &token, json!({})).await;
    assert_eq!(purged.status(), 204);
    assert!(desk.app.found("鲲鹏").await.is_empty(), "purged");
    desk.app.stop().await;
});

on_both_backends!(async fn an_index_of_another_version_is_rebuilt_once_by_what_start_runs(backend) {
    let desk = desk(backend).await;
    let features = desk.features;
    // Written around the API (as a database from before search would be): not in the index yet.
    let id = desk.app.with_db(move |c| ArticleFixture::new(features, "旧库里的秘书文章").insert(c)).await;
    assert!(desk.app.found("旧库").await.is_empty());
    let rebuilt = desk
        .app
        .with_db(|c| {
            use diesel::RunQueryDsl as _;
            diesel::sql_query("UPDATE search_index_state SET terms_version = 0").execute(c).unwrap();
            let first = kanwu_api::search::queries::ensure_current(c).unwrap();
            let second = kanwu_api::search::queries::ensure_current(c).unwrap();
            (first, second)
        })
        .await;
    assert_eq!(rebuilt, (Some(1), None), "built once, then current");
    assert_eq!(desk.app.found("旧库").await, [id]);
    desk.app.stop().await;
});

on_both_backends!(async fn snippets_escape_everything_but_the_marks_and_members_only_bodies_stay_unsearched(backend) {
    let desk = desk(backend).await;
    let risky = desk.publish(desk.features, "<img src=x onerror=alert(1)> 秘书", "a < b & \"秘书\" 'x'").await;
    let hit = &desk.app.search("秘书").await["items"][0];
    assert_eq!(hit["article"]["id"], risky);
    assert_eq!(hit["title_html"], "&lt;img src=x onerror=alert(1)&gt; <mark>秘书</mark>");
    assert_eq!(hit["snippet_html"], "a &lt; b &amp; &quot;<mark>秘书</mark>&quot; &#39;x&#39;");

    let secret = desk.create(json!({
        "category_id": desk.features, "title": "会员专享", "summary": "公开的摘要", "status": "published",
        "body_markdown": "只有会员能读的机密词", "visibility": "members"
    })).await;
    assert!(desk.app.found("机密词").await.is_empty(), "a members-only body is not searched");
    let page = desk.app.search("会员").await;
    assert_eq!(article_ids(&page), [secret]);
    assert_eq!(page["items"][0]["snippet_html"], "公开的摘要");
    desk.app.stop().await;
});

on_both_backends!(async fn category_date_and_page_filters_narrow_the_hits(backend) {
    let desk = desk(backend).await;
    let mut in_features = Vec::new();
    for i in 0..3 {
        in_features.push(desk.publish(desk.features, &format!("秘书工作第{i}讲"), "正文").await);
    }
    let elsewhere = desk.publish(desk.activities, "秘书技能竞赛", "正文").await;
    // Published for tomorrow: in the index, not visible yet, in no count or page.
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let scheduled = desk.create(json!({
        "category_id": desk.features, "title": "明天的秘书文章", "body_markdown": "秘书",
        "status": "published", "published_at": tomorrow
    })).await;
    let all = desk.app.search("秘书").await;
    assert_eq!(all["total"], 4);
    assert!(!article_ids(&all).contains(&scheduled));
    let get = |query: &str| {
        let url = desk.app.url(&format!("/api/v1/search?q=%E7%A7%98%E4%B9%A6&{query}"));
        let client = desk.app.client.clone();
        async move { client.get(url).send().await.unwrap() }
    };
    let by_category: Value = get("category=features").await.json().await.unwrap();
    assert_eq!(article_ids(&by_category), in_features.iter().rev().copied().collect::<Vec<_>>());
    let future: Value = get("published_after=2999-01-01T00:00:00Z").await.json().await.unwrap();
    assert_eq!(future["total"], 0);
    let second = get("per_page=2&page=2").await;
    assert_eq!(second.headers()["x-total-count"], "4");
    assert!(second.headers()["link"].to_str().unwrap().contains("rel=\"prev\""));
    let second: Value = second.json().await.unwrap();
    assert_eq!(article_ids(&second), [in_features[1], in_features[0]]);
    assert!(!article_ids(&second).contains(&elsewhere));
    desk.app.stop().await;
});

on_both_backends!(async fn an_article_lists_related_articles_of_its_category_first(backend) {
    let desk = desk(backend).await;
    let (f, a) = (desk.features, desk.activities);
    let same_unrelated = desk.publish(f, "档案管理办法", "正文").await;
    let same_sharing = desk.publish(f, "秘书队伍的作风", "正文").await;
    let other_sharing = desk.publish(a, "秘书队伍技能竞赛", "正文").await;
    let _other_unrelated = desk.publish(a, "摄影比赛通知", "正文").await;
    let article = desk.publish(f, "加强秘书队伍建设", "正文").await;

    let page: Value = desk.app.get(&format!("/api/v1/articles/{article}")).await.unwrap().json().await.unwrap();
    let related: Vec<i64> = page["related"].as_array().unwrap().iter().map(|l| l["id"].as_i64().unwrap()).collect();
    assert_eq!(related, [same_sharing, same_unrelated, other_sharing]);
    assert_eq!(page["related"][0]["title"], "秘书队伍的作风");
    desk.app.stop().await;
});

on_both_backends!(async fn totals_stop_at_a_thousand_hits_and_pages_within_them(backend) {
    let desk = desk(backend).await;
    let features = desk.features;
    desk.app
        .with_db(move |c| {
            use diesel::{Connection as _, RunQueryDsl as _};
            c.transaction::<_, diesel::result::Error, _>(|c| {
                for i in 0..1_001 {
                    ArticleFixture::new(features, &format!("秘书手记{i}")).insert(c);
                }
                diesel::sql_query("UPDATE search_index_state SET terms_version = 0").execute(c)?;
                Ok(())
            })
            .unwrap();
            kanwu_api::search::queries::ensure_current(c).unwrap();
        })
        .await;
    let first = desk.app.search("秘书").await;
    assert_eq!((first["total"].as_i64(), first["total_exact"].as_bool()), (Some(1_000), Some(false)));
    assert_eq!(first["total_pages"], 50);
    let last: Value = desk.app.get("/api/v1/search?q=%E7%A7%98%E4%B9%A6&page=50").await.unwrap().json().await.unwrap();
    assert_eq!(last["items"].as_array().unwrap().len(), 20);
    let beyond = desk.app.get("/api/v1/search?q=%E7%A7%98%E4%B9%A6&page=51").await.unwrap();
    let problem = assert_problem(beyond, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "beyond_hits");
    // A phrase counts and pages the same way (on PostgreSQL by its pairs of terms).
    let phrase = desk.app.search("秘书手记").await;
    assert_eq!((phrase["total"].as_i64(), phrase["total_exact"].as_bool()), (Some(1_000), Some(false)));
    let last: Value = desk.app.get("/api/v1/search?q=%E7%A7%98%E4%B9%A6%E6%89%8B%E8%AE%B0&page=50").await.unwrap().json().await.unwrap();
    assert_eq!(last["items"].as_array().unwrap().len(), 20);
    let exact = desk.app.search("手记1000").await;
    assert_eq!((exact["total"].as_i64(), exact["total_exact"].as_bool()), (Some(1), Some(true)));
    desk.app.stop().await;
});

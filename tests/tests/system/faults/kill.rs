//! The process stopped under load: `kill -9` loses no acknowledged write, SIGTERM finishes what is
//! in flight and stores every counted view. Both run the real binary.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kanwu_api::config::DatabaseUrl;
use kanwu_api::db::Manager;
use serde_json::json;
use system_tests::fixtures::{category, integrity_check, stored_views, ArticleFixture};
use system_tests::members::{BROWSER, PASSWORD};
use system_tests::process::KanwuProcess;
use system_tests::requests::ApiClient;
use system_tests::{on_both_backends, Backend, TestDatabase};

/// What the write load saw acknowledged with a 2xx.
#[derive(Default)]
struct Acknowledged {
    articles: Vec<i64>,
    comments: Vec<i64>,
    members: Vec<String>,
    views: i64,
}

on_both_backends!(async fn kill_9_under_writes_loses_no_acknowledged_write(backend) {
    const FLUSH: Duration = Duration::from_millis(500);
    let data_dir = tempfile::tempdir().unwrap();
    let database = match backend {
        Backend::Postgres => Some(tokio::task::spawn_blocking(TestDatabase::create).await.unwrap()),
        Backend::Sqlite => None,
    };
    let url = match &database {
        Some(db) => DatabaseUrl::parse(db.url()).unwrap(),
        None => DatabaseUrl::Sqlite(data_dir.path().join("kanwu.db")),
    };
    let flush_ms = FLUSH.as_millis().to_string();
    let mut server = KanwuProcess::new(
        data_dir.path(),
        database.as_ref().map(TestDatabase::url),
        // The abuse limits opened up: the load is one address.
        &[("KANWU_VIEW_FLUSH_MS", &flush_ms), ("KANWU_RATE_LIMIT_SCALE", "1000"), ("KANWU_COMMENT_INTERVAL_SECS", "0"), ("KANWU_COMMENT_HOURLY_CAP", "100000"), ("KANWU_COMMENT_MODERATION", "none")],
    );
    server.start().await;
    let setup_url = url.clone();
    let (category_id, article) = tokio::task::spawn_blocking(move || {
        let mut conn = Manager::new(setup_url).establish().unwrap();
        let features = category(&mut conn, "特稿", "features", None, 0);
        (features, ArticleFixture::new(features, "写入中的文章").insert(&mut conn))
    })
    .await
    .unwrap();
    let admin_made = server.command(&["create-admin", "--username", "chief"], &[("KANWU_ADMIN_PASSWORD", PASSWORD)]);
    assert!(admin_made.status.success(), "{}", String::from_utf8_lossy(&admin_made.stderr));
    let admin = server.login("chief", PASSWORD).await.access_token;
    let member = server.register_personal("commenter", PASSWORD).await.access_token;
    // What is not answered within 10 s counts as not acknowledged.
    let api = ApiClient::with_client(server.address.clone(), reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap());

    let acknowledged = Arc::new(Mutex::new(Acknowledged::default()));
    let mut writers = Vec::new();
    for kind in ["article", "comment", "member", "views", "views"] {
        let (api, acknowledged, admin, member) = (api.clone(), acknowledged.clone(), admin.clone(), member.clone());
        writers.push(tokio::spawn(async move {
            // Until the server is gone: the first request without an answer ends the writer.
            for n in 0u64.. {
                let ok = match kind {
                    "article" => {
                        let new_article = json!({"category_id": category_id, "title": format!("第{n}篇"), "author": "周辉", "body_markdown": "正文"});
                        let created = api.article_creation_request(&admin, &new_article).send().await;
                        match created {
                            Ok(r) if r.status() == 201 => {
                                let body: Option<serde_json::Value> = r.json().await.ok();
                                body.and_then(|b| b["id"].as_i64()).map(|id| acknowledged.lock().unwrap().articles.push(id)).is_some()
                            }
                            _ => false,
                        }
                    }
                    "comment" => {
                        let Some((id, answer)) = api.try_captcha().await else { break };
                        let comment = json!({"content": format!("第{n}条评论"), "captcha_id": id, "captcha_answer": answer});
                        let posted = api.comment_request(&member, article, &comment).send().await;
                        match posted {
                            Ok(r) if r.status() == 201 => {
                                let body: Option<serde_json::Value> = r.json().await.ok();
                                body.and_then(|b| b["id"].as_i64()).map(|id| acknowledged.lock().unwrap().comments.push(id)).is_some()
                            }
                            _ => false,
                        }
                    }
                    "member" => {
                        let username = format!("reader{n}-{}", uuid::Uuid::new_v4().simple());
                        let username = username[..20].to_owned();
                        api.try_register_personal(&username, PASSWORD).await.map(|_| acknowledged.lock().unwrap().members.push(username)).is_some()
                    }
                    _ => {
                        let viewer = format!("{BROWSER} kill-{}", uuid::Uuid::new_v4().simple());
                        let viewed = api.view_request(article, &viewer).send().await;
                        match viewed {
                            Ok(r) if r.status() == 200 => {
                                let body: serde_json::Value = r.json().await.unwrap_or_default();
                                if body["counted"] == true {
                                    acknowledged.lock().unwrap().views += 1;
                                }
                                true
                            }
                            _ => false,
                        }
                    }
                };
                if !ok {
                    break;
                }
            }
        }));
    }
    let load_started = Instant::now();
    tokio::time::sleep(Duration::from_secs(3)).await;
    server.kill_9().await;
    let load_seconds = load_started.elapsed().as_secs_f64();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = std::mem::take(&mut *acknowledged.lock().unwrap());
    assert!(
        acknowledged.articles.len() > 5 && acknowledged.comments.len() > 5 && acknowledged.members.len() > 5 && acknowledged.views > 50,
        "a real write load: {} articles, {} comments, {} members, {} views",
        acknowledged.articles.len(), acknowledged.comments.len(), acknowledged.members.len(), acknowledged.views
    );

    server.start().await;
    let Acknowledged { articles, comments, members, views } = acknowledged;
    let (found, integrity) = tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use kanwu_api::db::schema;
        let mut conn = Manager::new(url).establish().unwrap();
        let found_articles: i64 = schema::articles::table.filter(schema::articles::id.eq_any(&articles)).count().get_result(&mut conn).unwrap();
        let found_comments: i64 = schema::comments::table.filter(schema::comments::id.eq_any(&comments)).count().get_result(&mut conn).unwrap();
        let found_members: i64 = schema::members::table.filter(schema::members::username.eq_any(&members)).count().get_result(&mut conn).unwrap();
        let stored = stored_views(&mut conn, article);
        let integrity = integrity_check(&mut conn);
        (
            [(found_articles, articles.len()), (found_comments, comments.len()), (found_members, members.len())],
            (integrity, stored),
        )
    })
    .await
    .unwrap();
    let (integrity, stored) = integrity;
    eprintln!("kill -9 ({backend:?}): acknowledged (found, sent) {found:?}; views counted {views}, stored {stored}");
    for ((found, acknowledged), what) in found.into_iter().zip(["articles", "comments", "members"]) {
        assert_eq!(found, acknowledged as i64, "every acknowledged {what} is there after kill -9");
    }
    assert_eq!(integrity, "ok", "PRAGMA integrity_check");
    // At most the views counted since the last flush began: one interval at the load's rate
    // (with half an interval more for the flush that may have been under way).
    let rate = views as f64 / load_seconds;
    let allowed = (rate * FLUSH.as_secs_f64() * 1.5).ceil() as i64;
    let lost = views - stored;
    assert!(lost >= 0, "never more views stored ({stored}) than counted ({views})");
    assert!(lost <= allowed, "{lost} views lost of {views}; at {rate:.0}/s one flush interval is {allowed}");
    server.kill_9().await;
});

on_both_backends!(async fn sigterm_under_load_finishes_requests_in_flight_and_stores_every_counted_view(backend) {
    let data_dir = tempfile::tempdir().unwrap();
    let database = match backend {
        Backend::Postgres => Some(tokio::task::spawn_blocking(TestDatabase::create).await.unwrap()),
        Backend::Sqlite => None,
    };
    let url = match &database {
        Some(db) => DatabaseUrl::parse(db.url()).unwrap(),
        None => DatabaseUrl::Sqlite(data_dir.path().join("kanwu.db")),
    };
    let mut server = KanwuProcess::new(
        data_dir.path(),
        database.as_ref().map(TestDatabase::url),
        // The longest flush interval allowed, so most views are still in memory at the signal;
        // production's bcrypt cost, so a login is still being worked on when the signal comes.
        &[("KANWU_VIEW_FLUSH_MS", "1000"), ("KANWU_BCRYPT_COST", "12"), ("KANWU_RATE_LIMIT_SCALE", "1000")],
    );
    server.start().await;
    let setup = url.clone();
    let article = tokio::task::spawn_blocking(move || {
        let mut conn = Manager::new(setup).establish().unwrap();
        let features = category(&mut conn, "特稿", "features", None, 0);
        ArticleFixture::new(features, "停机时的文章").insert(&mut conn)
    })
    .await
    .unwrap();
    server.register_personal("signed-in-at-sigterm", PASSWORD).await;
    let api = ApiClient::with_client(server.address.clone(), reqwest::Client::builder().timeout(Duration::from_secs(15)).build().unwrap());

    let signalled = Arc::new(Mutex::new(None::<Instant>));
    let counted = Arc::new(AtomicU64::new(0));
    let mut viewers = Vec::new();
    for worker in 0..8 {
        let (api, counted, signalled) = (api.clone(), counted.clone(), signalled.clone());
        viewers.push(tokio::spawn(async move {
            for n in 0u64.. {
                let response = api.view_request(article, &format!("{BROWSER} sigterm-{worker}-{n}")).send().await;
                let body = match response {
                    Ok(response) => {
                        assert_eq!(response.status(), 200);
                        response.json::<serde_json::Value>().await
                    }
                    Err(error) => Err(error),
                };
                match body {
                    Ok(body) => {
                        if body["counted"] == true {
                            counted.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    // Once the server stops accepting, new requests are refused or reset: not
                    // answered, so not counted. Before the signal nothing fails.
                    Err(error) => {
                        assert!(signalled.lock().unwrap().is_some(), "failed before the signal: {error}");
                        return;
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    // Logins in flight at the signal (bcrypt at cost 12 on one thread: about a second for four).
    let mut logins = Vec::new();
    for _ in 0..4 {
        let api = api.clone();
        logins.push(tokio::spawn(async move { api.login_request("signed-in-at-sigterm", PASSWORD).send().await }));
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut child = server.take_child();
    let pid = child.id().unwrap().to_string();
    *signalled.lock().unwrap() = Some(Instant::now());
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let stopping = Instant::now();
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("exit within 10 s of SIGTERM").unwrap();
    assert!(status.success(), "a clean exit: {status:?}");
    for login in logins {
        let response = login.await.unwrap().expect("a login in flight at the signal is answered");
        assert_eq!(response.status(), 200, "a login in flight at the signal finishes");
    }
    for viewer in viewers {
        viewer.await.unwrap();
    }
    let counted = counted.load(Ordering::SeqCst) as i64;
    assert!(counted > 50, "a real load: {counted} views counted");
    let stored = tokio::task::spawn_blocking(move || stored_views(&mut Manager::new(url).establish().unwrap(), article)).await.unwrap();
    assert_eq!(stored, counted, "every view answered as counted is stored (stopped in {:?})", stopping.elapsed());
});

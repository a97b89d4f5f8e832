//! The `kanwu` binary itself: bad settings stop it with one clear line, never a panic.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use system_tests::kanwu_binary;

fn run_kanwu(args: &[&str], env: &[(&str, &str)]) -> Output {
    let data_dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(kanwu_binary());
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("KANWU_DATA_DIR", data_dir.path())
        .env("KANWU_BIND", "127.0.0.1:0")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_with_timeout(child, Duration::from_secs(20))
}

/// Waits for the child while draining its output (a full pipe would block it forever).
fn wait_with_timeout(child: std::process::Child, limit: Duration) -> Output {
    let pid = child.id();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match receiver.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("kanwu did not exit within {limit:?}");
        }
    }
}

/// Exit code non-zero, exactly one line on stderr that names `expected`, and no panic.
fn assert_refuses_to_start(output: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "kanwu should fail; stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].contains(expected), "`{expected}` in: {stderr}");
}

#[test]
fn a_malformed_database_url_stops_start_up_naming_the_variable() {
    for url in ["mysql://localhost/kanwu", "postgres://", "not a url"] {
        let output = run_kanwu(&["serve"], &[("DATABASE_URL", url)]);
        assert_refuses_to_start(&output, "DATABASE_URL");
    }
}

#[test]
fn an_unwritable_data_folder_stops_start_up_naming_the_variable() {
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let inside_a_file = blocker.path().join("data");
    let output = run_kanwu(
        &["serve"],
        &[("KANWU_DATA_DIR", inside_a_file.to_str().unwrap())],
    );
    assert_refuses_to_start(&output, "KANWU_DATA_DIR");
}

#[test]
fn a_port_in_use_stops_start_up_naming_the_address() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let output = run_kanwu(&["serve"], &[("KANWU_BIND", &address)]);
    assert_refuses_to_start(&output, &format!("cannot listen on {address}"));
}

#[test]
fn a_short_jwt_secret_stops_start_up_naming_the_variable() {
    let output = run_kanwu(&["serve"], &[("KANWU_JWT_SECRET", "short")]);
    assert_refuses_to_start(&output, "KANWU_JWT_SECRET");
}

#[test]
fn bad_settings_name_their_variable() {
    for (name, value) in [
        ("KANWU_BIND", "everywhere"),
        ("KANWU_LOG_FORMAT", "xml"),
        ("KANWU_CORS_ORIGINS", "*"),
    ] {
        let output = run_kanwu(&["serve"], &[(name, value)]);
        assert_refuses_to_start(&output, name);
    }
}

#[test]
fn migrate_against_an_unreachable_postgresql_exits_with_one_clear_line() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("postgres://kanwu:kanwu@127.0.0.1:{port}/kanwu");
    let output = run_kanwu(&["migrate"], &[("DATABASE_URL", &url)]);
    assert_refuses_to_start(&output, "cannot connect to the database");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("kanwu:kanwu@"),
        "no password in the message"
    );
}

#[test]
fn migrate_prepares_a_fresh_sqlite_database_and_is_idempotent() {
    let data_dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/fresh.db", data_dir.path().display());
    let first = run_kanwu(&["migrate"], &[("DATABASE_URL", &url)]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let applied = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(
        !applied.starts_with("0 ") && applied.contains("migration(s) applied"),
        "{applied}"
    );
    let second = run_kanwu(&["migrate"], &[("DATABASE_URL", &url)]);
    assert!(String::from_utf8_lossy(&second.stdout).starts_with("0 migration(s) applied"));
}

#[test]
fn kanwu_openapi_prints_the_committed_document() {
    let output = run_kanwu(&["openapi"], &[]);
    assert!(output.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml")).unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout) == committed,
        "`kanwu openapi` differs from openapi.yaml: cargo run -q -p kanwu-api -- openapi > openapi.yaml"
    );
}

#[test]
fn seed_demo_fills_an_empty_site_once_with_the_seed_page() {
    let data_dir = tempfile::tempdir().unwrap();
    let dir = data_dir.path().display().to_string();
    let first = run_kanwu(&["seed-demo"], &[("KANWU_DATA_DIR", &dir)]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&first.stdout).trim(),
        "seeded 2 categories and 20 articles"
    );
    let second = run_kanwu(&["seed-demo"], &[("KANWU_DATA_DIR", &dir)]);
    assert_eq!(
        String::from_utf8_lossy(&second.stdout).trim(),
        "the site already has content; nothing seeded"
    );

    use diesel::prelude::*;
    use kanwu_api::db::schema::articles;
    let url = kanwu_api::config::DatabaseUrl::Sqlite(data_dir.path().join("kanwu.db"));
    let mut conn = kanwu_api::db::Manager::new(url).establish().unwrap();
    let (author, views, note, body): (String, i64, Option<String>, String) = articles::table
        .filter(articles::title.eq("加强秘书队伍建设要坚持“四要”"))
        .select((
            articles::author,
            articles::views,
            articles::author_note,
            articles::body_markdown,
        ))
        .first(&mut conn)
        .unwrap();
    assert_eq!((author.as_str(), views), ("周辉", 493));
    assert_eq!(note.as_deref(), Some("作者系中共溆浦县委书记"));
    for heading in [
        "## 一、政治上要忠诚可靠",
        "## 二、业务上要独当一面",
        "## 三、作风上要求真务实",
        "## 四、工作上要争创一流",
    ] {
        assert!(body.contains(heading), "{heading}");
    }
    let total: i64 = articles::table.count().get_result(&mut conn).unwrap();
    assert_eq!(total, 20);
}

#[test]
fn create_admin_reads_the_password_from_standard_input_and_the_admin_can_sign_in() {
    use std::io::Write as _;
    let data_dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(kanwu_binary())
        .args(["create-admin", "--username", "chief-editor"])
        .env_clear()
        .env("KANWU_DATA_DIR", data_dir.path())
        .env("KANWU_BCRYPT_COST", "4")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a-strong-admin-pass\n")
        .unwrap();
    let output = wait_with_timeout(child, Duration::from_secs(20));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("created admin chief-editor"));

    use diesel::prelude::*;
    use kanwu_api::db::schema::members;
    let url = kanwu_api::config::DatabaseUrl::Sqlite(data_dir.path().join("kanwu.db"));
    let mut conn = kanwu_api::db::Manager::new(url).establish().unwrap();
    let (role, hash): (String, String) = members::table
        .filter(members::username_key.eq("chief-editor"))
        .select((members::role, members::password_hash))
        .first(&mut conn)
        .unwrap();
    assert_eq!(role, "admin");
    assert!(!hash.contains("a-strong-admin-pass"));

    let weak = run_kanwu(
        &["create-admin", "--username", "other-admin"],
        &[("KANWU_ADMIN_PASSWORD", "12345678")],
    );
    assert_refuses_to_start(&weak, "password");
}

/// The captcha test hook exists only in builds that ask for it: `cargo build --release -p kanwu-api`
/// (the run command, the Docker image) resolves kanwu-api without the `test-hooks` feature, while the
/// system tests' build has it. `cargo tree` shows the resolution without building.
#[test]
fn the_release_build_has_no_test_hooks() {
    let features_of = |package: &str| {
        let output = Command::new(env!("CARGO"))
            .args([
                "tree",
                "--offline",
                "--locked",
                "-p",
                package,
                "-e",
                "features",
                "-i",
                "kanwu-api",
                "--prefix",
                "none",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    let release = features_of("kanwu-api");
    assert!(
        !release.contains("test-hooks"),
        "kanwu-api alone must not enable test-hooks:\n{release}"
    );
    let tests = features_of("system-tests");
    assert!(
        tests.contains("test-hooks"),
        "the check sees the feature where it is on:\n{tests}"
    );
}

#[test]
fn test_hooks_cannot_be_switched_on_in_a_build_without_them() {
    // This binary has the hooks (the test build); the refusal for other builds is in config.rs.
    let output = run_kanwu(&["serve"], &[("KANWU_TEST_HOOKS", "maybe")]);
    assert_refuses_to_start(&output, "KANWU_TEST_HOOKS");
}

/// SECURITY-TESTS M5 / J8: run a registration, a login, a refresh and a token in the query string
/// through the real binary with debug logging, then look for every secret in what it logged.
#[test]
fn logs_never_contain_passwords_tokens_secrets_or_captcha_answers() {
    let data_dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let jwt_secret = "log-test-jwt-secret-that-is-long-enough";
    let pepper = "log-test-pepper-that-is-long-enough-too";
    let mut server = Command::new(kanwu_binary())
        .arg("serve")
        .env_clear()
        .env("KANWU_DATA_DIR", data_dir.path())
        .env("KANWU_BIND", format!("127.0.0.1:{port}"))
        .env("KANWU_JWT_SECRET", jwt_secret)
        .env("KANWU_PASSWORD_PEPPER", pepper)
        .env("KANWU_BCRYPT_COST", "4")
        .env("KANWU_TEST_HOOKS", "1")
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let password = "a-very-secret-password-7";
    let base = format!("http://127.0.0.1:{port}");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (answer, access_token, refresh_cookie) = runtime.block_on(async {
        let client = reqwest::Client::new();
        for _ in 0..100 {
            if client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status() == 200) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let captcha = client.post(format!("{base}/api/v1/captchas")).send().await.unwrap();
        let answer = captcha.headers()["x-test-captcha-answer"].to_str().unwrap().to_owned();
        let id = captcha.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
        let body = serde_json::json!({"kind": "personal", "username": "log-reader", "password": password, "captcha_id": id, "captcha_answer": answer});
        let registered = client.post(format!("{base}/api/v1/members")).json(&body).send().await.unwrap();
        assert_eq!(registered.status(), 201);
        let login = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({"username": "log-reader", "password": password}))
            .send()
            .await
            .unwrap();
        let refresh_cookie = system_tests::members::refresh_cookie_of(&login).unwrap();
        let token = login.json::<serde_json::Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
        client.get(format!("{base}/api/v1/members/me?token={token}")).send().await.unwrap();
        client.get(format!("{base}/api/v1/members/me")).bearer_auth(&token).send().await.unwrap();
        client
            .post(format!("{base}/api/v1/auth/refresh"))
            .header("Cookie", format!("kanwu_refresh={refresh_cookie}"))
            .send()
            .await
            .unwrap();
        (answer, token, refresh_cookie)
    });
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    let started = std::time::Instant::now();
    while server.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = server.wait_with_output().unwrap();
    let logs = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(logs.contains("request"), "the access log was written");
    let answer_field = format!("\"{answer}\"");
    for (what, secret) in [
        ("password", password),
        ("access token", access_token.as_str()),
        ("refresh token", refresh_cookie.as_str()),
        ("JWT secret", jwt_secret),
        ("pepper", pepper),
        ("captcha answer", answer_field.as_str()),
    ] {
        assert!(!logs.contains(secret), "the {what} is in the logs");
    }
}

/// Moving a site from the embedded SQLite database to PostgreSQL (docs/DEPLOY.md): after
/// `kanwu copy-database --to postgres://…`, the PostgreSQL-backed server answers as the SQLite one
/// did, members sign in with their passwords, new rows get new ids, and a second copy into the
/// filled database is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_database_moves_a_site_from_sqlite_to_postgresql() {
    use serde_json::{json, Value};
    use system_tests::fixtures::{category, ArticleFixture};
    use system_tests::members::PASSWORD;
    use system_tests::{test_environment, Backend, TestApp, TestDatabase};

    let data_dir = tempfile::tempdir().unwrap();
    let data = data_dir.path().display().to_string();
    let settings = [
        ("KANWU_DATA_DIR", data.as_str()),
        ("KANWU_COMMENT_MODERATION", "none"),
        ("KANWU_VIEW_FLUSH_MS", "200"),
    ];
    let sqlite = TestApp::spawn_with(Backend::Sqlite, &settings).await;
    let article = sqlite
        .with_db(|c| {
            let features = category(c, "特稿", "features", None, 0);
            category(c, "活动竞赛", "activities", None, 1);
            for i in 0..3 {
                ArticleFixture::new(features, &format!("迁移的文章{i}"))
                    .published_at(system_tests::fixtures::at(i))
                    .views(10 * i)
                    .insert(c);
            }
            ArticleFixture::new(features, "加强秘书队伍建设")
                .published_at(system_tests::fixtures::at(9))
                .views(493)
                .insert(c)
        })
        .await;
    let member = sqlite.register_personal("moving-reader", PASSWORD).await;
    let (captcha, answer) = sqlite.captcha_as("Mozilla/5.0 mover").await;
    let comment = sqlite
        .client
        .post(sqlite.url(&format!("/api/v1/articles/{article}/comments")))
        .bearer_auth(&member.access_token)
        .header("User-Agent", "Mozilla/5.0 mover")
        .json(
            &json!({"content": "搬家以后还在吗", "captcha_id": captcha, "captcha_answer": answer}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(comment.status(), 201);
    let viewed = sqlite
        .client
        .post(sqlite.url(&format!("/api/v1/articles/{article}/views")))
        .header("User-Agent", "Mozilla/5.0 mover")
        .send()
        .await
        .unwrap();
    assert_eq!(viewed.status(), 200);
    tokio::time::sleep(Duration::from_millis(600)).await;
    let pages = [
        "/api/v1/categories",
        "/api/v1/articles",
        &format!("/api/v1/articles/{article}"),
        &format!("/api/v1/articles/{article}/comments"),
    ]
    .map(str::to_owned);
    let mut before = Vec::new();
    for page in &pages {
        before.push(
            sqlite
                .get(page)
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap(),
        );
    }
    sqlite.stop().await;

    let database = tokio::task::spawn_blocking(TestDatabase::create)
        .await
        .unwrap();
    let mut env: Vec<(String, String)> = test_environment(data_dir.path()).into_iter().collect();
    env.retain(|(name, _)| name != "KANWU_BIND");
    let env: Vec<(&str, &str)> = env.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let copy = |env: Vec<(&str, &str)>| {
        let mut command = Command::new(kanwu_binary());
        command
            .args(["copy-database", "--to", database.url()])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .stdin(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        wait_with_timeout(
            command
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
            Duration::from_secs(60),
        )
    };
    let copied = copy(env.clone());
    assert!(
        copied.status.success(),
        "{}",
        String::from_utf8_lossy(&copied.stderr)
    );
    let report = String::from_utf8_lossy(&copied.stdout);
    assert!(
        report.contains("articles: 4 rows")
            && report.contains("comments: 1 rows")
            && report.contains("members: 1 rows"),
        "{report}"
    );

    let postgres = TestApp::spawn_with(
        Backend::Sqlite,
        &[
            ("KANWU_DATA_DIR", data.as_str()),
            ("DATABASE_URL", database.url()),
        ],
    )
    .await;
    postgres.wait_until_ready().await;
    for (page, before) in pages.iter().zip(&before) {
        let after: Value = postgres.get(page).await.unwrap().json().await.unwrap();
        assert_eq!(
            to_microseconds(after),
            to_microseconds(before.clone()),
            "{page} reads the same on PostgreSQL"
        );
    }
    assert_eq!(before[2]["views"], 494, "the flushed view came along");
    postgres.login("moving-reader", PASSWORD).await;
    let newcomer = postgres.register_personal("after-the-move", PASSWORD).await;
    assert!(
        newcomer.member["id"].as_i64().unwrap() > member.member["id"].as_i64().unwrap(),
        "new ids continue after the copied ones"
    );
    postgres.stop().await;

    let again = copy(env);
    assert!(
        !again.status.success(),
        "a second copy into a filled database is refused"
    );
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already has content"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

/// Times rounded to microseconds, as PostgreSQL stores them (SQLite keeps what it was given).
fn to_microseconds(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(text) => match chrono::DateTime::parse_from_rfc3339(&text) {
            Ok(time) => Value::String(
                (time.with_timezone(&chrono::Utc) + chrono::Duration::nanoseconds(500))
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            ),
            Err(_) => Value::String(text),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(to_microseconds).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k, to_microseconds(v)))
                .collect(),
        ),
        other => other,
    }
}

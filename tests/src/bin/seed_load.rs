//! Seeds a database with many published articles for the load benchmarks (`tests/load/run.sh`),
//! straight through the database layer: 30 categories (3 top-level with 9 children each), articles of
//! about 4 KB of Chinese text, spread over years, with views and a week of view history; approved
//! comments under one article in five; and what the write scenarios need: members `load1`…`load64`
//! (password `load-password-1`, hashed under `KANWU_PASSWORD_PEPPER` at `KANWU_BCRYPT_COST`, the
//! production cost unless set) and captchas `load-<thread>-<n>` answered `1111` for the client
//! 127.0.0.1 with User-Agent `kanwu-load`.
//!
//! Usage: `DATABASE_URL=… KANWU_PASSWORD_PEPPER=… seed-load <articles>`; refuses a database that
//! already has articles.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use kanwu_api::articles::model::{ArticleStatus, NewArticle};
use kanwu_api::articles::render::markdown_to_safe_html;
use kanwu_api::auth::passwords::PasswordHasher;
use kanwu_api::categories::model::NewCategory;
use kanwu_api::config::DatabaseUrl;
use kanwu_api::config::Secret;
use kanwu_api::db::schema::{article_view_days, articles, captchas, categories, comments, members};
use kanwu_api::db::{self, DbConnection};
use kanwu_api::domain::NewPassword;

const CORPUS: &str = include_str!("../../../api/src/demo/seed-article.md");
const BATCH: usize = 500;

/// A tiny deterministic generator, so every run seeds the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL (sqlite://… or postgres://…)");
    let url = DatabaseUrl::parse(&url).expect("a valid DATABASE_URL");
    db::migrate(&url).expect("migrations");
    let mut conn = db::Manager::new(url).establish().expect("a connection");
    let existing: i64 = articles::table.count().get_result(&mut conn).unwrap();
    assert_eq!(
        existing, 0,
        "the database already has articles; seed an empty one"
    );

    let category_ids = seed_categories(&mut conn);
    let paragraphs: Vec<&str> = CORPUS
        .split("\n\n")
        .filter(|p| !p.starts_with('#'))
        .collect();
    let mut rng = Lcg(42);
    let start = NaiveDate::from_ymd_opt(2015, 1, 1)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let now = chrono::Utc::now().naive_utc();
    let started = std::time::Instant::now();

    let mut written = 0;
    while written < count {
        let n = BATCH.min(count - written);
        let rows: Vec<(String, String, String, i64, i64, chrono::NaiveDateTime)> = (0..n)
            .map(|i| {
                let k = written + i;
                let body = body_of(&paragraphs, &mut rng);
                let title = format!(
                    "秘书工作研究第{k}篇：{}",
                    &paragraphs[k % paragraphs.len()]
                        .chars()
                        .take(12)
                        .collect::<String>()
                );
                let html = markdown_to_safe_html(&body);
                let category = category_ids[(rng.next() as usize) % category_ids.len()];
                let views = (rng.next() % 5_000) as i64;
                let published = start + Duration::minutes((k as i64) * 5);
                (title, body, html, category, views, published)
            })
            .collect();
        let batch: Vec<NewArticle> = rows
            .iter()
            .map(
                |(title, body, html, category, views, published)| NewArticle {
                    category_id: *category,
                    title,
                    author: "周辉",
                    author_note: None,
                    summary: "",
                    body_markdown: body,
                    body_html: html,
                    featured: views % 97 == 0,
                    status: ArticleStatus::Published,
                    published_at: Some(*published),
                    created_at: now,
                    updated_at: now,
                    views: *views,
                },
            )
            .collect();
        insert_batch(&mut conn, &batch);
        written += n;
        if written % 10_000 == 0 {
            eprintln!("{written} articles ({:.0?})", started.elapsed());
        }
    }
    seed_view_history(&mut conn, count as i64, &mut rng);
    let member_ids = seed_members(&mut conn, now);
    seed_comments(&mut conn, count as i64, &member_ids, &mut rng, now);
    seed_captchas(&mut conn, now);
    // The search index, as the server would build it at its first start (written around the API,
    // the articles are not in it yet). About 400 (SQLite) or 250 (PostgreSQL) articles a second: above SEARCH_INDEX_MAX
    // (100,000 by default, the size search is measured at) it stays empty but marked built, so the
    // server starts at once; the harness then skips the search scenarios.
    let index_max: usize = std::env::var("SEARCH_INDEX_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    if count <= index_max {
        let indexing = std::time::Instant::now();
        let indexed = kanwu_api::search::queries::ensure_current(&mut conn).expect("search index");
        eprintln!(
            "indexed {indexed:?} articles for search in {:.1?}",
            indexing.elapsed()
        );
    } else {
        diesel::sql_query(format!(
            "UPDATE search_index_state SET terms_version = {}",
            kanwu_api::search::terms::TERMS_VERSION
        ))
        .execute(&mut conn)
        .expect("search index state");
        eprintln!("search index left empty ({count} > SEARCH_INDEX_MAX {index_max})");
    }
    // Planner statistics, as a restored or long-running database has them (PostgreSQL's autovacuum
    // gets to a fresh bulk load only later; without them it may sort a category instead of seeking).
    diesel::sql_query("ANALYZE")
        .execute(&mut conn)
        .expect("analyze");
    eprintln!("seeded {count} articles in {:.1?}", started.elapsed());
}

/// Members who log in and comment in the write scenarios; one hash serves them all (same password).
fn seed_members(conn: &mut DbConnection, now: chrono::NaiveDateTime) -> Vec<i64> {
    let pepper = std::env::var("KANWU_PASSWORD_PEPPER").expect("KANWU_PASSWORD_PEPPER");
    let cost = std::env::var("KANWU_BCRYPT_COST")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(12);
    let hasher = PasswordHasher::new(Secret::from_bytes(pepper.into_bytes()), cost);
    let password = NewPassword::parse("load-password-1", None).expect("a valid password");
    let hash = hasher.hash(&password).expect("bcrypt");
    (1..=64)
        .map(|i| {
            let username = format!("load{i}");
            diesel::insert_into(members::table)
                .values((
                    members::username.eq(&username),
                    members::username_key.eq(&username),
                    members::display_name.eq(&username),
                    members::kind.eq("personal"),
                    members::role.eq("member"),
                    members::status.eq("active"),
                    members::password_hash.eq(&hash),
                    members::created_at.eq(now),
                    members::updated_at.eq(now),
                ))
                .returning(members::id)
                .get_result(conn)
                .expect("insert a member")
        })
        .collect()
}

/// Three approved comments under one article in five, and the articles' comment counts.
fn seed_comments(
    conn: &mut DbConnection,
    count: i64,
    member_ids: &[i64],
    rng: &mut Lcg,
    now: chrono::NaiveDateTime,
) {
    let rows: Vec<(i64, i64, String)> = (1..=count)
        .step_by(5)
        .flat_map(|id| (0..3).map(move |n| (id, n)))
        .map(|(id, n)| {
            let member = member_ids[(rng.next() as usize) % member_ids.len()];
            (id, member, format!("第{n}条评论：文章写得很好，值得学习。"))
        })
        .collect();
    for chunk in rows.chunks(BATCH) {
        let values: Vec<_> = chunk
            .iter()
            .map(|(article, member, content)| {
                (
                    comments::article_id.eq(*article),
                    comments::member_id.eq(*member),
                    comments::content.eq(content.as_str()),
                    comments::status.eq("approved"),
                    comments::client_hash.eq(""),
                    comments::created_at.eq(now),
                    comments::updated_at.eq(now),
                )
            })
            .collect();
        match conn {
            DbConnection::Pg(c) => diesel::insert_into(comments::table)
                .values(&values)
                .execute(c),
            DbConnection::Sqlite(c) => c.immediate_transaction(|c| {
                for v in &values {
                    diesel::insert_into(comments::table).values(*v).execute(c)?;
                }
                Ok(values.len())
            }),
        }
        .expect("insert comments");
    }
    diesel::sql_query(
        "UPDATE articles SET comment_count = (SELECT COUNT(*) FROM comments \
         WHERE comments.article_id = articles.id AND comments.status = 'approved')",
    )
    .execute(conn)
    .expect("comment counts");
}

/// Captchas for the comment scenario, so it measures comments rather than captcha drawing; each
/// wrk thread takes its own series.
fn seed_captchas(conn: &mut DbConnection, now: chrono::NaiveDateTime) {
    let client = kanwu_api::client::Client {
        address: "127.0.0.1".to_owned(),
        user_agent: "kanwu-load".to_owned(),
    }
    .hash();
    let expires = now + Duration::days(1);
    let ids: Vec<String> = (1..=2)
        .flat_map(|thread| (0..50_000).map(move |n| format!("load-{thread}-{n}")))
        .collect();
    for chunk in ids.chunks(BATCH) {
        let values: Vec<_> = chunk
            .iter()
            .map(|id| {
                (
                    captchas::id.eq(id.as_str()),
                    captchas::answer_hash.eq(kanwu_api::captcha::answer_hash(id, "1111")),
                    captchas::client_hash.eq(client.as_str()),
                    captchas::expires_at.eq(expires),
                )
            })
            .collect();
        match conn {
            DbConnection::Pg(c) => diesel::insert_into(captchas::table)
                .values(&values)
                .execute(c),
            DbConnection::Sqlite(c) => c.immediate_transaction(|c| {
                for v in &values {
                    diesel::insert_into(captchas::table)
                        .values(v.clone())
                        .execute(c)?;
                }
                Ok(values.len())
            }),
        }
        .expect("insert captchas");
    }
}

fn seed_categories(conn: &mut DbConnection) -> Vec<i64> {
    let mut ids = Vec::new();
    for (top, (name, slug)) in [
        ("特稿", "features"),
        ("活动竞赛", "activities"),
        ("理论研究", "theory"),
    ]
    .into_iter()
    .enumerate()
    {
        let parent: i64 = diesel::insert_into(categories::table)
            .values(NewCategory {
                parent_id: None,
                name,
                slug,
                description: "",
                sort_order: top as i32,
            })
            .returning(categories::id)
            .get_result(conn)
            .unwrap();
        ids.push(parent);
        for child in 0..9 {
            let child_name = format!("{name}{}", child + 1);
            let child_slug = format!("{slug}-{}", child + 1);
            let id: i64 = diesel::insert_into(categories::table)
                .values(NewCategory {
                    parent_id: Some(parent),
                    name: &child_name,
                    slug: &child_slug,
                    description: "",
                    sort_order: child,
                })
                .returning(categories::id)
                .get_result(conn)
                .unwrap();
            ids.push(id);
        }
    }
    ids
}

/// About 4 KB of UTF-8: whole paragraphs of the seed article, cut to length.
fn body_of(paragraphs: &[&str], rng: &mut Lcg) -> String {
    let mut body = String::with_capacity(4_500);
    while body.len() < 4_000 {
        body.push_str(paragraphs[(rng.next() as usize) % paragraphs.len()]);
        body.push_str("\n\n");
    }
    let cut = body
        .char_indices()
        .take_while(|(i, _)| *i < 4_096)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    body.truncate(cut);
    body
}

fn insert_batch(conn: &mut DbConnection, batch: &[NewArticle]) {
    // Multi-row inserts are written per backend: diesel's MultiConnection has no common form.
    match conn {
        DbConnection::Pg(c) => c.transaction(|c| {
            diesel::insert_into(articles::table)
                .values(batch)
                .execute(c)
        }),
        DbConnection::Sqlite(c) => c.immediate_transaction(|c| {
            for row in batch {
                diesel::insert_into(articles::table)
                    .values(row)
                    .execute(c)?;
            }
            Ok(batch.len())
        }),
    }
    .expect("insert a batch");
}

/// A week of views for one article in ten, so the "most viewed this week" ranking has work to do.
fn seed_view_history(conn: &mut DbConnection, count: i64, rng: &mut Lcg) {
    let today = chrono::Utc::now().date_naive();
    let rows: Vec<(i64, NaiveDate, i64)> = (1..=count)
        .step_by(10)
        .flat_map(|id| (0..7).map(move |d| (id, today - chrono::Days::new(d))))
        .map(|(id, day)| (id, day, (rng.next() % 50) as i64))
        .collect();
    for chunk in rows.chunks(BATCH) {
        let values: Vec<_> = chunk
            .iter()
            .map(|(id, day, views)| {
                (
                    article_view_days::article_id.eq(*id),
                    article_view_days::day.eq(*day),
                    article_view_days::views.eq(*views),
                )
            })
            .collect();
        match conn {
            DbConnection::Pg(c) => diesel::insert_into(article_view_days::table)
                .values(&values)
                .execute(c),
            DbConnection::Sqlite(c) => c.immediate_transaction(|c| {
                for v in &values {
                    diesel::insert_into(article_view_days::table)
                        .values(*v)
                        .execute(c)?;
                }
                Ok(values.len())
            }),
        }
        .expect("insert view history");
    }
}

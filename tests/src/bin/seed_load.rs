//! Seeds a database with many published articles for the load benchmarks (`tests/load/run.sh`),
//! straight through the database layer: 30 categories (3 top-level with 9 children each), articles of
//! about 4 KB of Chinese text, spread over years, with views and a week of view history.
//!
//! Usage: `DATABASE_URL=… seed-load <articles>`; refuses a database that already has articles.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use kanwu_api::articles::model::NewArticle;
use kanwu_api::articles::render::markdown_to_safe_html;
use kanwu_api::categories::model::NewCategory;
use kanwu_api::config::DatabaseUrl;
use kanwu_api::db::schema::{article_view_days, articles, categories};
use kanwu_api::db::{self, DbConnection};

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
                    status: "published",
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
    eprintln!("seeded {count} articles in {:.1?}", started.elapsed());
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

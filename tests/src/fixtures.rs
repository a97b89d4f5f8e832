//! Test data: written straight through the database layer, as an editor's tools would leave it;
//! an app started with the one article most tests read; a stand-in for the built SPA on disk.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kanwu_api::articles::model::NewArticle;
use kanwu_api::articles::render::markdown_to_safe_html;
use kanwu_api::categories::model::NewCategory;
use kanwu_api::db::schema::{article_view_days, articles, categories};
use kanwu_api::db::DbConnection;

use crate::{Backend, TestApp};

pub fn category(
    conn: &mut DbConnection,
    name: &str,
    slug: &str,
    parent_id: Option<i64>,
    sort_order: i32,
) -> i64 {
    diesel::insert_into(categories::table)
        .values(NewCategory {
            parent_id,
            name,
            slug,
            description: "",
            sort_order,
        })
        .returning(categories::id)
        .get_result(conn)
        .expect("insert a category")
}

/// A moment on 2020-01-01 plus `minutes`, for ordering articles predictably.
pub fn at(minutes: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2020, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        + chrono::Duration::minutes(minutes)
}

/// An article with sensible defaults: published on 2020-01-01, not flagged, no views.
#[derive(Debug, Clone)]
pub struct ArticleFixture {
    pub category_id: i64,
    pub title: String,
    pub author: String,
    pub summary: String,
    pub body_markdown: String,
    pub status: &'static str,
    pub published_at: Option<NaiveDateTime>,
    pub featured: bool,
    pub pinned: bool,
    pub views: i64,
    pub comment_count: i64,
}

impl ArticleFixture {
    pub fn new(category_id: i64, title: &str) -> Self {
        ArticleFixture {
            category_id,
            title: title.to_owned(),
            author: "周辉".to_owned(),
            summary: String::new(),
            body_markdown: "正文".to_owned(),
            status: "published",
            published_at: Some(at(0)),
            featured: false,
            pinned: false,
            views: 0,
            comment_count: 0,
        }
    }

    pub fn published_at(mut self, when: NaiveDateTime) -> Self {
        self.published_at = Some(when);
        self
    }

    pub fn status(mut self, status: &'static str) -> Self {
        self.status = status;
        self
    }

    pub fn views(mut self, views: i64) -> Self {
        self.views = views;
        self
    }

    pub fn insert(&self, conn: &mut DbConnection) -> i64 {
        let now = chrono::Utc::now().naive_utc();
        let id = diesel::insert_into(articles::table)
            .values(NewArticle {
                category_id: self.category_id,
                title: &self.title,
                author: &self.author,
                author_note: None,
                summary: &self.summary,
                body_markdown: &self.body_markdown,
                body_html: &markdown_to_safe_html(&self.body_markdown),
                featured: self.featured,
                status: self.status.parse().expect("a stored article status"),
                published_at: self.published_at,
                created_at: now,
                updated_at: now,
                views: self.views,
            })
            .returning(articles::id)
            .get_result(conn)
            .expect("insert an article");
        if self.pinned || self.comment_count != 0 {
            diesel::update(articles::table.find(id))
                .set((
                    articles::pinned.eq(self.pinned),
                    articles::comment_count.eq(self.comment_count),
                ))
                .execute(conn)
                .expect("set pinned and comment count");
        }
        id
    }
}

pub fn stored_views(conn: &mut DbConnection, article_id: i64) -> i64 {
    articles::table
        .find(article_id)
        .select(articles::views)
        .first(conn)
        .expect("the article exists")
}

/// Views recorded for an article on a day, as the rankings read them.
pub fn add_view_day(conn: &mut DbConnection, article_id: i64, day: NaiveDate, views: i64) {
    diesel::insert_into(article_view_days::table)
        .values((
            article_view_days::article_id.eq(article_id),
            article_view_days::day.eq(day),
            article_view_days::views.eq(views),
        ))
        .execute(conn)
        .expect("insert a view day");
}

/// SQLite's own check of the database file: "ok" when nothing is corrupt. PostgreSQL has no such
/// check of a whole database; it answers "ok" there.
pub fn integrity_check(conn: &mut DbConnection) -> String {
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    match conn {
        DbConnection::Sqlite(_) => {
            diesel::sql_query("PRAGMA integrity_check")
                .get_result::<Check>(conn)
                .expect("PRAGMA integrity_check")
                .integrity_check
        }
        DbConnection::Pg(_) => "ok".to_owned(),
    }
}

/// An app started with `settings` and one published article, 加强秘书队伍建设要坚持“四要” in 特稿,
/// viewed `views` times so far; the app and the article's id.
pub async fn app_with_article(
    backend: Backend,
    settings: &[(&str, &str)],
    views: i64,
) -> (TestApp, i64) {
    let app = TestApp::spawn_with(backend, settings).await;
    let id = app
        .with_db(move |c| {
            let features = category(c, "特稿", "features", None, 0);
            ArticleFixture::new(features, "加强秘书队伍建设要坚持“四要”")
                .views(views)
                .insert(c)
        })
        .await;
    (app, id)
}

/// The `index.html` of [`fake_dist`], shaped like Vite's.
pub const INDEX_HTML: &str = "<!doctype html>
<html lang=\"zh-CN\">
  <head>
    <meta charset=\"utf-8\" />
    <title>当代秘书</title>
    <script type=\"module\" crossorigin src=\"/assets/index-3f2a1b.js\"></script>
  </head>
  <body>
    <div id=\"root\"></div>
  </body>
</html>
";

/// A stand-in `dist` folder shaped like Vite's output (for `KANWU_WEB_DIR`): [`INDEX_HTML`], the
/// hashed script it loads, a favicon, and a hidden `.env` that must never be served.
pub fn fake_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX_HTML).unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(
        dir.path().join("assets/index-3f2a1b.js"),
        "console.log('kanwu')",
    )
    .unwrap();
    std::fs::write(dir.path().join("favicon.svg"), "<svg/>").unwrap();
    std::fs::write(dir.path().join(".env"), "SECRET=1").unwrap();
    dir
}

//! `kanwu seed-demo`: the content of 当代秘书's current page, so a fresh site shows what it will look
//! like. Only what that page says is written, plus the word "demo" where a body is unknown.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::articles::model::{ArticleStatus, NewArticle};
use crate::articles::render::markdown_to_safe_html;
use crate::categories::model::NewCategory;
use crate::db::schema::{articles, categories};
use crate::db::DbConnection;

/// The article the seed page shows in full.
const SEED_ARTICLE_TITLE: &str = "加强秘书队伍建设要坚持“四要”";
const SEED_ARTICLE_BODY: &str = include_str!("seed-article.md");
const SEED_ARTICLE_VIEWS: i64 = 493;

/// The page lists titles newest first and cuts long ones; we keep them as shown.
const FEATURES: [&str; 10] = [
    "关于深化党委办公室系统优质",
    "办公室干部改进学风要从四方",
    "以十七大精神为指引全面提高",
    "办公室人员要爱岗、敬业、创",
    "优质服务助推新型工业化",
    SEED_ARTICLE_TITLE,
    "充分发挥党委办公室在促进发",
    "把握大局 强化服务 切实",
    "推进三项建设 提高服务水平",
    "领导者要善用办公室",
];

const ACTIVITIES: [&str; 10] = [
    "秘书竞赛领证通知",
    "秘书竞赛部分照片",
    "竞赛获奖选手晋级核准表",
    "竞赛获奖选手办证通知",
    "赛前提示",
    "竞赛考场安排",
    "竞赛赛程",
    "职工组竞赛名单",
    "学生组竞赛名单",
    "有关竞赛事项的调整",
];

const DEMO_BODY: &str = "（demo）";

#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    Seeded { categories: usize, articles: usize },
    AlreadyHasContent,
}

/// Seeds an empty site; a site that has any category is left alone, so running it twice is harmless.
pub fn seed_demo(conn: &mut DbConnection) -> QueryResult<SeedOutcome> {
    conn.transaction(|conn| {
        let existing: i64 = categories::table.count().get_result(conn)?;
        if existing > 0 {
            return Ok(SeedOutcome::AlreadyHasContent);
        }
        // The only date the page gives; every demo title shares it, and ids keep the page's order.
        let published = NaiveDate::from_ymd_opt(2007, 6, 19)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a valid date");
        let now = chrono::Utc::now().naive_utc();
        let mut article_count = 0;
        for (sort_order, (name, slug, titles)) in [
            ("特稿", "features", FEATURES),
            ("活动竞赛", "activities", ACTIVITIES),
        ]
        .into_iter()
        .enumerate()
        {
            let category_id: i64 = diesel::insert_into(categories::table)
                .values(NewCategory {
                    parent_id: None,
                    name,
                    slug,
                    description: "",
                    sort_order: sort_order as i32,
                })
                .returning(categories::id)
                .get_result(conn)?;
            // Oldest first, so that "newest first, then highest id" lists them as the page does.
            for title in titles.iter().rev() {
                insert_article(conn, category_id, title, published, now)?;
                article_count += 1;
            }
        }
        crate::search::queries::rebuild(conn)?;
        Ok(SeedOutcome::Seeded {
            categories: 2,
            articles: article_count,
        })
    })
}

fn insert_article(
    conn: &mut DbConnection,
    category_id: i64,
    title: &str,
    published: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let is_seed_article = title == SEED_ARTICLE_TITLE;
    let body = if is_seed_article {
        SEED_ARTICLE_BODY
    } else {
        DEMO_BODY
    };
    diesel::insert_into(articles::table)
        .values(NewArticle {
            category_id,
            title,
            author: if is_seed_article { "周辉" } else { "" },
            author_note: is_seed_article.then_some("作者系中共溆浦县委书记"),
            summary: "",
            body_markdown: body,
            body_html: &markdown_to_safe_html(body),
            featured: false,
            status: ArticleStatus::Published,
            published_at: Some(published),
            created_at: now,
            updated_at: now,
            views: if is_seed_article {
                SEED_ARTICLE_VIEWS
            } else {
                0
            },
        })
        .execute(conn)?;
    Ok(())
}

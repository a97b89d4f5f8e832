//! The articles' wire types, public and editorial, each with its mapping from the rows.
//! Longer than 400 lines because every request, response and query type of the feature lives here
//! (the house keeps wire types in `dto.rs`), most of them field lists with their documentation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::{self, Article, ArticleSummary, EditorialSummary, EditorsCopy, Revision};
use super::queries::Flag;
use crate::categories::dto::{breadcrumb, CategoryRef};
use crate::categories::model::CategoryTree;

/// Database times are UTC without a zone; the wire carries RFC 3339.
fn utc(t: chrono::NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleFlag {
    Featured,
    Headline,
    Pinned,
}

impl From<ArticleFlag> for Flag {
    fn from(flag: ArticleFlag) -> Self {
        match flag {
            ArticleFlag::Featured => Flag::Featured,
            ArticleFlag::Headline => Flag::Headline,
            ArticleFlag::Pinned => Flag::Pinned,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleSort {
    /// Pinned first, then by publish time, newest first.
    Latest,
    /// Most viewed first.
    Views,
    /// Most commented first.
    Comments,
}

/// The window `sort=views` ranks by.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViewPeriod {
    /// Today (UTC).
    Day,
    /// The last 7 days, today included.
    Week,
    /// The last 30 days, today included.
    Month,
    /// All time (the default).
    All,
}

impl ViewPeriod {
    /// The first day counted, or `None` for all time.
    pub fn since(self, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        let days_back = match self {
            ViewPeriod::Day => 0,
            ViewPeriod::Week => 6,
            ViewPeriod::Month => 29,
            ViewPeriod::All => return None,
        };
        Some(today - chrono::Days::new(days_back))
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListArticlesQuery {
    /// A category's id or slug; its descendants are included.
    #[param(example = "features")]
    pub category: Option<String>,
    pub flag: Option<ArticleFlag>,
    /// The byline, exactly (作者).
    pub author: Option<String>,
    /// Published at or after this time (RFC 3339).
    pub published_after: Option<DateTime<Utc>>,
    /// Published before this time (RFC 3339).
    pub published_before: Option<DateTime<Utc>>,
    /// A substring of the title or summary (no word splitting: Chinese has no spaces).
    #[param(example = "秘书")]
    pub q: Option<String>,
    /// `latest` when absent.
    pub sort: Option<ArticleSort>,
    /// With `sort=views` only: rank by the views counted in this period.
    pub period: Option<ViewPeriod>,
    /// From 1.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    /// 1 to 100; 20 when absent.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
    /// Continue after this point: the `next_cursor` of the page before. With `sort=latest` (the
    /// default) only, and not with `page`; a cursor costs the same at any depth, a deep `page` does not.
    pub after: Option<String>,
}

/// An article in a list: no body.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ArticleListItem {
    pub id: i64,
    pub category_id: i64,
    #[schema(example = "加强秘书队伍建设要坚持“四要”")]
    pub title: String,
    pub subtitle: Option<String>,
    #[schema(example = "周辉")]
    pub author: String,
    pub summary: String,
    pub cover_url: Option<String>,
    pub featured: bool,
    pub headline: bool,
    pub pinned: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub views: i64,
    pub comment_count: i64,
    /// Who may read the body; lists show every article's title and summary.
    pub visibility: ArticleVisibility,
}

impl From<ArticleSummary> for ArticleListItem {
    fn from(a: ArticleSummary) -> Self {
        ArticleListItem {
            id: a.id,
            category_id: a.category_id,
            title: a.title,
            subtitle: a.subtitle,
            author: a.author,
            summary: a.summary,
            cover_url: a.cover_url,
            featured: a.featured,
            headline: a.headline,
            pinned: a.pinned,
            published_at: a.published_at.map(utc),
            views: a.views,
            comment_count: a.comment_count,
            visibility: a.visibility.into(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "items": [
        {
            "id": 42,
            "category_id": 3,
            "title": "加强秘书队伍建设要坚持“四要”",
            "subtitle": null,
            "author": "周辉",
            "summary": "秘书队伍建设关系到机关运转的质量和效率。本文从政治、业务、作风、纪律四个方面，谈加强秘书队伍建设的体会。",
            "cover_url": null,
            "featured": true,
            "headline": false,
            "pinned": false,
            "published_at": "2024-06-18T02:00:00Z",
            "views": 1287,
            "comment_count": 2,
            "visibility": "public"
        },
        {
            "id": 37,
            "category_id": 3,
            "title": "办文办会办事的“三个讲究”",
            "subtitle": "写给新入职的秘书",
            "author": "李文",
            "summary": "讲究规矩，讲究效率，讲究细节。",
            "cover_url": "/media/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.jpg",
            "featured": false,
            "headline": false,
            "pinned": false,
            "published_at": "2024-06-16T01:00:00Z",
            "views": 903,
            "comment_count": 0,
            "visibility": "members"
        }
    ],
    "page": 1,
    "per_page": 2,
    "total": 57,
    "total_pages": 29,
    "next_cursor": "cDAuMTcxODUwMzIwMDAwMDAwMC4zNw"
}))]
pub struct ArticlePage {
    pub items: Vec<ArticleListItem>,
    /// From 1; 0 for a page asked for by cursor (`after`).
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub total_pages: i64,
    /// Send as `after` for the next page (`sort=latest` only); `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A neighbouring article, for 上一篇 / 下一篇.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ArticleLink {
    pub id: i64,
    pub title: String,
}

/// The whole article, as its page shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 42,
    "category_id": 3,
    "title": "加强秘书队伍建设要坚持“四要”",
    "subtitle": null,
    "author": "周辉",
    "author_note": "作者系中共溆浦县委书记",
    "source": "《当代秘书》2024年第6期",
    "summary": "秘书队伍建设关系到机关运转的质量和效率。本文从政治、业务、作风、纪律四个方面，谈加强秘书队伍建设的体会。",
    "body_markdown": "## 一要政治坚定\n\n秘书工作首先是政治工作，必须把对党忠诚放在首位。\n\n## 二要业务精通\n\n办文、办会、办事，样样要拿得起、放得下。",
    "body_html": "<h2>一要政治坚定</h2>\n<p>秘书工作首先是政治工作，必须把对党忠诚放在首位。</p>\n<h2>二要业务精通</h2>\n<p>办文、办会、办事，样样要拿得起、放得下。</p>\n",
    "cover_url": null,
    "featured": true,
    "headline": false,
    "pinned": false,
    "status": "published",
    "published_at": "2024-06-18T02:00:00Z",
    "created_at": "2024-06-17T08:30:00Z",
    "updated_at": "2024-06-18T01:55:00Z",
    "views": 1287,
    "comment_count": 2,
    "comments_open": true,
    "visibility": "public",
    "restricted": null,
    "trashed_at": null,
    "breadcrumb": [
        {
            "id": 1,
            "name": "特稿",
            "slug": "features"
        },
        {
            "id": 3,
            "name": "秘书论坛",
            "slug": "forum"
        }
    ],
    "prev": {
        "id": 37,
        "title": "办文办会办事的“三个讲究”"
    },
    "next": {
        "id": 45,
        "title": "新时代秘书人员的能力结构"
    },
    "related": [
        {
            "id": 29,
            "title": "秘书工作者的政治素养"
        }
    ]
}))]
pub struct ArticleResponse {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: String,
    /// Such as 作者系中共溆浦县委书记.
    pub author_note: Option<String>,
    pub source: Option<String>,
    pub summary: String,
    /// Absent when `restricted` is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_markdown: Option<String>,
    /// Rendered from `body_markdown` and sanitised: safe to insert as HTML. Absent when
    /// `restricted` is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    pub cover_url: Option<String>,
    pub featured: bool,
    pub headline: bool,
    pub pinned: bool,
    #[schema(example = "published")]
    pub status: String,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Counted views; may lag the latest view by a few seconds.
    pub views: i64,
    /// Approved comments.
    pub comment_count: i64,
    /// Whether members may comment.
    pub comments_open: bool,
    pub visibility: ArticleVisibility,
    /// Set when the body was withheld from this caller, and why: `members` (sign in to read,
    /// 登录后阅读) or `enterprise` (approved enterprise members only, 企业会员专享).
    pub restricted: Option<ArticleVisibility>,
    /// When it was moved to the trash (editors only ever see such articles).
    pub trashed_at: Option<DateTime<Utc>>,
    /// Top-level category first, the article's own category last.
    pub breadcrumb: Vec<CategoryRef>,
    /// The previous (older) article in the same category; `null` at the start.
    pub prev: Option<ArticleLink>,
    /// The next (newer) article in the same category; `null` at the end.
    pub next: Option<ArticleLink>,
    /// 相关文章: up to 5 recent articles, the same category's first (those sharing words of the
    /// title before the others), then other categories' that share words of the title.
    pub related: Vec<ArticleLink>,
}

impl ArticleResponse {
    pub fn new(
        a: Article,
        breadcrumb: Vec<CategoryRef>,
        prev: Option<ArticleLink>,
        next: Option<ArticleLink>,
    ) -> Self {
        ArticleResponse {
            id: a.id,
            category_id: a.category_id,
            title: a.title,
            subtitle: a.subtitle,
            author: a.author,
            author_note: a.author_note,
            source: a.source,
            summary: a.summary,
            body_markdown: Some(a.body_markdown),
            body_html: Some(a.body_html),
            cover_url: a.cover_url,
            featured: a.featured,
            headline: a.headline,
            pinned: a.pinned,
            status: a.status.as_str().to_owned(),
            published_at: a.published_at.map(utc),
            created_at: utc(a.created_at),
            updated_at: utc(a.updated_at),
            views: a.views,
            comment_count: a.comment_count,
            comments_open: a.comments_open,
            visibility: a.visibility.into(),
            restricted: None,
            trashed_at: a.deleted_at.map(utc),
            breadcrumb,
            prev,
            next,
            related: Vec::new(),
        }
    }
}

impl ArticleResponse {
    /// The article as editors see it: with its breadcrumb, neighbours and related articles, and
    /// the views this instance counted but has not written yet.
    pub fn for_editor(copy: EditorsCopy, tree: &CategoryTree, pending_views: i64) -> Self {
        let breadcrumb = breadcrumb(tree, copy.article.category_id);
        let link = |(id, title)| ArticleLink { id, title };
        let mut response = ArticleResponse::new(
            copy.article,
            breadcrumb,
            copy.older.map(link),
            copy.newer.map(link),
        );
        response.related = copy.related.into_iter().map(link).collect();
        response.views += pending_views;
        response
    }

    /// The same article without its body, for a caller who may not read it.
    pub fn withheld(mut self) -> Self {
        self.body_markdown = None;
        self.body_html = None;
        self.restricted = Some(self.visibility);
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleVisibility {
    /// Everyone reads the body.
    Public,
    /// Any signed-in, active member.
    Members,
    /// Approved enterprise members, editors and admins.
    Enterprise,
}

impl From<model::Visibility> for ArticleVisibility {
    fn from(stored: model::Visibility) -> Self {
        match stored {
            model::Visibility::Public => ArticleVisibility::Public,
            model::Visibility::Members => ArticleVisibility::Members,
            model::Visibility::Enterprise => ArticleVisibility::Enterprise,
        }
    }
}

impl From<ArticleVisibility> for model::Visibility {
    fn from(wire: ArticleVisibility) -> Self {
        match wire {
            ArticleVisibility::Public => model::Visibility::Public,
            ArticleVisibility::Members => model::Visibility::Members,
            ArticleVisibility::Enterprise => model::Visibility::Enterprise,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    /// Waiting for an editor's review.
    Pending,
    /// Public from `published_at` on (a future time schedules it).
    Published,
    Archived,
}

impl From<model::ArticleStatus> for ArticleStatus {
    fn from(stored: model::ArticleStatus) -> Self {
        match stored {
            model::ArticleStatus::Draft => ArticleStatus::Draft,
            model::ArticleStatus::Pending => ArticleStatus::Pending,
            model::ArticleStatus::Published => ArticleStatus::Published,
            model::ArticleStatus::Archived => ArticleStatus::Archived,
        }
    }
}

impl From<ArticleStatus> for model::ArticleStatus {
    fn from(wire: ArticleStatus) -> Self {
        match wire {
            ArticleStatus::Draft => model::ArticleStatus::Draft,
            ArticleStatus::Pending => model::ArticleStatus::Pending,
            ArticleStatus::Published => model::ArticleStatus::Published,
            ArticleStatus::Archived => model::ArticleStatus::Archived,
        }
    }
}

/// A new article. Text fields are trimmed; optional texts may be omitted or empty.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "category_id": 3,
    "title": "加强秘书队伍建设要坚持“四要”",
    "author": "周辉",
    "author_note": "作者系中共溆浦县委书记",
    "source": "《当代秘书》2024年第6期",
    "summary": "秘书队伍建设关系到机关运转的质量和效率。本文从政治、业务、作风、纪律四个方面，谈加强秘书队伍建设的体会。",
    "body_markdown": "## 一要政治坚定\n\n秘书工作首先是政治工作，必须把对党忠诚放在首位。\n\n## 二要业务精通\n\n办文、办会、办事，样样要拿得起、放得下。",
    "status": "draft"
}))]
pub struct CreateArticleRequest {
    pub category_id: i64,
    /// 1 to 200 characters.
    #[schema(example = "加强秘书队伍建设要坚持“四要”")]
    pub title: String,
    pub subtitle: Option<String>,
    /// The byline (作者), up to 100 characters.
    pub author: Option<String>,
    pub author_note: Option<String>,
    pub source: Option<String>,
    /// Up to 1,000 characters.
    pub summary: Option<String>,
    /// Markdown, up to 200,000 characters; rendered and sanitised on save.
    #[serde(default)]
    pub body_markdown: String,
    /// An http(s) address or a `/media/…` path from an upload.
    pub cover_url: Option<String>,
    pub featured: Option<bool>,
    pub headline: Option<bool>,
    pub pinned: Option<bool>,
    pub comments_open: Option<bool>,
    /// `public` when absent.
    pub visibility: Option<ArticleVisibility>,
    /// `draft` when absent.
    pub status: Option<ArticleStatus>,
    /// With `published`: when it goes public (a future time schedules it); now when absent.
    pub published_at: Option<DateTime<Utc>>,
}

/// Changes to an article: absent fields stay as they are; an empty optional text clears it.
/// Send the ETag of your last read in `If-Match`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "加强新时代秘书队伍建设要坚持“四要”",
    "summary": "秘书队伍建设关系到机关运转的质量和效率。本文从政治、业务、作风、纪律四个方面，谈加强秘书队伍建设的体会。"
}))]
pub struct UpdateArticleRequest {
    pub category_id: Option<i64>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub author_note: Option<String>,
    pub source: Option<String>,
    pub summary: Option<String>,
    pub body_markdown: Option<String>,
    pub cover_url: Option<String>,
    pub featured: Option<bool>,
    pub headline: Option<bool>,
    pub pinned: Option<bool>,
    pub comments_open: Option<bool>,
    pub visibility: Option<ArticleVisibility>,
    /// Forward along draft → pending → published → archived, or back to draft.
    pub status: Option<ArticleStatus>,
    pub published_at: Option<DateTime<Utc>>,
    /// Puts back the title, summary and body this revision kept (the current text becomes a
    /// revision in turn). Not together with `title`, `summary` or `body_markdown`.
    pub restore_revision: Option<i64>,
    /// `false` takes the article out of the trash.
    pub trashed: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "body_markdown": "## 一要政治坚定\n\n秘书工作首先是政治工作，必须把对党忠诚放在首位。\n\n## 二要业务精通\n\n办文、办会、办事，样样要拿得起、放得下。"
}))]
pub struct PreviewRequest {
    #[serde(default)]
    pub body_markdown: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewResponse {
    /// Exactly the HTML readers would get.
    pub body_html: String,
}

/// A kept earlier text of an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionResponse {
    pub id: i64,
    pub article_id: i64,
    /// Who made the change that replaced this text; `null` once that member is gone.
    pub editor_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    /// When it was replaced.
    pub created_at: DateTime<Utc>,
}

impl From<Revision> for RevisionResponse {
    fn from(r: Revision) -> Self {
        RevisionResponse {
            id: r.id,
            article_id: r.article_id,
            editor_id: r.editor_id,
            title: r.title,
            summary: r.summary,
            body_markdown: r.body_markdown,
            created_at: utc(r.created_at),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EditorialListQuery {
    /// Any status when absent.
    pub status: Option<ArticleStatus>,
    /// `true` lists only the trash.
    pub trashed: Option<bool>,
    /// A category's id or slug; its descendants are included.
    pub category: Option<String>,
    pub flag: Option<ArticleFlag>,
    pub author: Option<String>,
    /// A substring of the title or summary.
    pub q: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

/// An article in the editors' list.
#[derive(Debug, Serialize, ToSchema)]
pub struct EditorialListItem {
    #[serde(flatten)]
    pub article: ArticleListItem,
    pub status: ArticleStatus,
    pub updated_at: DateTime<Utc>,
    pub trashed_at: Option<DateTime<Utc>>,
}

impl From<EditorialSummary> for EditorialListItem {
    fn from(e: EditorialSummary) -> Self {
        EditorialListItem {
            article: e.summary.into(),
            status: e.status.into(),
            updated_at: utc(e.updated_at),
            trashed_at: e.deleted_at.map(utc),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EditorialArticlePage {
    pub items: Vec<EditorialListItem>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub total_pages: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteArticleQuery {
    /// `true` (admins) removes it for good, with its comments and revisions.
    pub purge: Option<bool>,
}

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::{self, Comment};
use super::queries::{AdminRow, AuthorRow, LatestRow, QuotedRow};
use crate::members::dto::MemberKind;

/// A quoted comment shows this many characters of its text.
const QUOTE_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    /// Waiting for a moderator (评论已提交，等待审核).
    Pending,
    Approved,
    Rejected,
    Spam,
}

impl From<model::CommentStatus> for CommentStatus {
    fn from(status: model::CommentStatus) -> Self {
        match status {
            model::CommentStatus::Pending => CommentStatus::Pending,
            model::CommentStatus::Approved => CommentStatus::Approved,
            model::CommentStatus::Rejected => CommentStatus::Rejected,
            model::CommentStatus::Spam => CommentStatus::Spam,
        }
    }
}

impl From<CommentStatus> for model::CommentStatus {
    fn from(status: CommentStatus) -> Self {
        match status {
            CommentStatus::Pending => model::CommentStatus::Pending,
            CommentStatus::Approved => model::CommentStatus::Approved,
            CommentStatus::Rejected => model::CommentStatus::Rejected,
            CommentStatus::Spam => model::CommentStatus::Spam,
        }
    }
}

/// Who wrote a comment, as readers see it: an enterprise member shows the company's name.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentAuthor {
    #[schema(example = "周秘书")]
    pub display_name: String,
    pub kind: MemberKind,
}

impl From<AuthorRow> for CommentAuthor {
    fn from((display_name, kind, company_name): AuthorRow) -> Self {
        let enterprise = kind == "enterprise";
        CommentAuthor {
            display_name: match company_name {
                Some(company) if enterprise => company,
                _ => display_name,
            },
            kind: if enterprise {
                MemberKind::Enterprise
            } else {
                MemberKind::Personal
            },
        }
    }
}

/// The comment a reply answers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuotedComment {
    pub id: i64,
    pub author: CommentAuthor,
    /// The quoted text, cut to 100 characters.
    pub content: String,
}

impl From<&QuotedRow> for QuotedComment {
    fn from((id, content, author): &QuotedRow) -> Self {
        QuotedComment {
            id: *id,
            author: author.clone().into(),
            content: content.chars().take(QUOTE_CHARS).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentResponse {
    pub id: i64,
    pub article_id: i64,
    pub author: CommentAuthor,
    /// Plain text, exactly as written (never HTML): render it as text.
    pub content: String,
    pub status: CommentStatus,
    pub created_at: DateTime<Utc>,
    /// Changed by its author after posting.
    pub edited: bool,
    pub reply_to: Option<QuotedComment>,
}

/// A comment, its author and, for a reply, the comment it quotes (`None` when that is gone or
/// no longer approved).
impl From<(Comment, AuthorRow, Option<&QuotedRow>)> for CommentResponse {
    fn from((comment, author, quoted): (Comment, AuthorRow, Option<&QuotedRow>)) -> Self {
        CommentResponse {
            id: comment.id,
            article_id: comment.article_id,
            author: author.into(),
            content: comment.content,
            status: comment.status.into(),
            created_at: comment.created_at.and_utc(),
            edited: comment.edited,
            reply_to: quoted.map(QuotedComment::from),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "items": [
        {
            "id": 102,
            "article_id": 42,
            "author": {
                "display_name": "李文",
                "kind": "personal"
            },
            "content": "同感。办会的细节最见功夫。",
            "status": "approved",
            "created_at": "2024-06-18T10:05:00Z",
            "edited": false,
            "reply_to": {
                "id": 101,
                "author": {
                    "display_name": "周秘书",
                    "kind": "personal"
                },
                "content": "写得很好，受益匪浅。"
            }
        },
        {
            "id": 101,
            "article_id": 42,
            "author": {
                "display_name": "周秘书",
                "kind": "personal"
            },
            "content": "写得很好，受益匪浅。",
            "status": "approved",
            "created_at": "2024-06-18T09:30:00Z",
            "edited": false,
            "reply_to": null
        }
    ],
    "page": 1,
    "per_page": 20,
    "total": 2,
    "total_pages": 1
}))]
pub struct CommentPage {
    pub items: Vec<CommentResponse>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub total_pages: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "content": "写得很好，受益匪浅。“四要”值得每位秘书细读。",
    "captcha_id": "4b1f0a9c2d7e4e0f9a3c5b6d7e8f9a0b",
    "captcha_answer": "3190"
}))]
pub struct CreateCommentRequest {
    /// 1–2,000 characters after trimming; plain text.
    #[schema(example = "写得很好，受益匪浅。")]
    pub content: String,
    pub captcha_id: String,
    pub captcha_answer: String,
    /// The id of an approved comment on the same article that this one answers.
    pub reply_to: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "content": "写得很好，受益匪浅。补充一点：文中的“四要”，第二条最难做到。"
}))]
pub struct UpdateCommentRequest {
    pub content: String,
}

/// A recent comment for the home page, with its article.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LatestComment {
    pub id: i64,
    pub article_id: i64,
    pub article_title: String,
    pub author: CommentAuthor,
    pub content: String,
    pub created_at: DateTime<Utc>,
}

impl From<LatestRow> for LatestComment {
    fn from((comment, article_title, author): LatestRow) -> Self {
        LatestComment {
            id: comment.id,
            article_id: comment.article_id,
            article_title,
            author: author.into(),
            content: comment.content,
            created_at: comment.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LatestCommentsResponse {
    pub items: Vec<LatestComment>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LatestQuery {
    /// 1 to 50; 10 when absent.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 50)]
    pub limit: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdminCommentsQuery {
    pub status: Option<CommentStatus>,
    pub article_id: Option<i64>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

/// A comment as moderators see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminComment {
    pub id: i64,
    pub article_id: i64,
    pub article_title: String,
    pub member_id: i64,
    pub author: CommentAuthor,
    pub content: String,
    pub status: CommentStatus,
    pub created_at: DateTime<Utc>,
    pub edited: bool,
}

impl From<AdminRow> for AdminComment {
    fn from((comment, article_title, author): AdminRow) -> Self {
        AdminComment {
            id: comment.id,
            article_id: comment.article_id,
            article_title,
            member_id: comment.member_id,
            author: author.into(),
            content: comment.content,
            status: comment.status.into(),
            created_at: comment.created_at.and_utc(),
            edited: comment.edited,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminCommentPage {
    pub items: Vec<AdminComment>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub total_pages: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "status": "approved"
}))]
pub struct ModerateCommentRequest {
    pub status: CommentStatus,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    Approve,
    Reject,
    Spam,
    Delete,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "ids": [
        101,
        102,
        107
    ],
    "action": "approve"
}))]
pub struct BulkModerationRequest {
    /// 1 to 100 comment ids.
    pub ids: Vec<i64>,
    pub action: BulkAction,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulkModerationResponse {
    /// Comments changed (ids that do not exist are skipped).
    pub affected: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "words": [
        "代开发票",
        "刷单返利"
    ]
}))]
pub struct BannedWords {
    /// Words or phrases; a comment containing one waits for moderation.
    pub words: Vec<String>,
}

//! An article page as the read cache keeps it. A public article is serialized once, split where its
//! view count goes, so a cache hit only writes the count between the two halves: no clone of the
//! body, no JSON encoding, and an ETag from a hash taken once.

use std::hash::{Hash as _, Hasher as _};

use actix_web::web::Bytes;

use super::dto::{ArticleResponse, ArticleVisibility};

/// What the serialized page carries in place of the count until it is filled in.
const VIEWS_PLACEHOLDER: i64 = i64::MIN;

pub enum CachedArticle {
    /// Everyone gets the same body.
    Public(PublicPage),
    /// `members` or `enterprise`: the body depends on the caller, so it is written per request.
    Restricted(Box<ArticleResponse>),
}

pub struct PublicPage {
    /// The JSON up to the count, and after it.
    head: Bytes,
    tail: Bytes,
    /// Of the whole JSON with the placeholder: with the count, it makes the ETag.
    hash: u64,
}

impl CachedArticle {
    pub fn new(article: ArticleResponse) -> Result<Self, serde_json::Error> {
        if article.visibility != ArticleVisibility::Public {
            return Ok(CachedArticle::Restricted(Box::new(article)));
        }
        let json = serde_json::to_vec(&ArticleResponse {
            views: VIEWS_PLACEHOLDER,
            ..article
        })?;
        // Inside JSON strings a quote is escaped, so only the field itself can match.
        let marker = format!("\"views\":{VIEWS_PLACEHOLDER}");
        let at = json
            .windows(marker.len())
            .position(|window| window == marker.as_bytes())
            .map(|start| start + "\"views\":".len())
            .ok_or_else(|| serde::ser::Error::custom("no views field"))?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        json.hash(&mut hasher);
        let json = Bytes::from(json);
        Ok(CachedArticle::Public(PublicPage {
            head: json.slice(..at),
            tail: json.slice(at + VIEWS_PLACEHOLDER.to_string().len()..),
            hash: hasher.finish(),
        }))
    }

    /// About how many bytes it holds, for the cache's budget.
    pub fn weight(&self) -> usize {
        match self {
            CachedArticle::Public(page) => 128 + page.head.len() + page.tail.len(),
            CachedArticle::Restricted(article) => {
                let text = |t: &Option<String>| t.as_ref().map_or(0, String::len);
                512 + article.title.len()
                    + article.summary.len()
                    + text(&article.body_markdown)
                    + text(&article.body_html)
            }
        }
    }
}

impl PublicPage {
    /// The JSON with this count, and its ETag.
    pub fn with_views(&self, views: i64) -> (Bytes, String) {
        let mut number = itoa::Buffer::new();
        let number = number.format(views);
        let mut body = Vec::with_capacity(self.head.len() + number.len() + self.tail.len());
        body.extend_from_slice(&self.head);
        body.extend_from_slice(number.as_bytes());
        body.extend_from_slice(&self.tail);
        (Bytes::from(body), format!("\"{:016x}-{views}\"", self.hash))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(views: i64, body: &str) -> ArticleResponse {
        let time = chrono::DateTime::from_timestamp(1_182_211_200, 0).unwrap();
        ArticleResponse {
            id: 7,
            category_id: 1,
            title: "标题".into(),
            subtitle: None,
            author: "周辉".into(),
            author_note: None,
            source: None,
            summary: String::new(),
            body_markdown: Some(body.into()),
            body_html: Some(body.into()),
            cover_url: None,
            featured: false,
            headline: false,
            pinned: false,
            status: "published".into(),
            published_at: Some(time),
            created_at: time,
            updated_at: time,
            views,
            comment_count: 0,
            comments_open: true,
            visibility: ArticleVisibility::Public,
            restricted: None,
            trashed_at: None,
            breadcrumb: Vec::new(),
            prev: None,
            next: None,
            related: Vec::new(),
        }
    }

    #[test]
    fn a_public_page_with_a_count_is_the_article_serialized_with_that_count() {
        // A body that quotes the field's own text must not confuse the split.
        let body = "\"views\":-9223372036854775808 and \"views\":1";
        let CachedArticle::Public(page) = CachedArticle::new(article(493, body)).unwrap() else {
            panic!("a public article");
        };
        let (json, etag) = page.with_views(494);
        assert_eq!(json, serde_json::to_vec(&article(494, body)).unwrap());
        let (_, other_etag) = page.with_views(495);
        assert_ne!(etag, other_etag, "the ETag changes with the count");
    }
}

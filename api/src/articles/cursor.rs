//! The point a page of the `latest` order ends at, sent to clients as an opaque `next_cursor`.

use chrono::NaiveDateTime;

use super::model::ArticleSummary;

/// A point in the `latest` order: the last item of a page. Sent to clients as an opaque token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub pinned: bool,
    pub published_at: NaiveDateTime,
    pub id: i64,
}

impl Cursor {
    pub fn of(item: &ArticleSummary) -> Option<Cursor> {
        Some(Cursor {
            pinned: item.pinned,
            published_at: item.published_at?,
            id: item.id,
        })
    }

    /// `p1.1700000000000000.42` in URL-safe base64.
    pub fn encode(&self) -> String {
        use base64::Engine as _;
        let text = format!(
            "p{}.{}.{}",
            u8::from(self.pinned),
            self.published_at.and_utc().timestamp_micros(),
            self.id
        );
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
    }

    pub fn decode(token: &str) -> Option<Cursor> {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(token)
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.strip_prefix('p')?.split('.');
        let pinned = match parts.next()? {
            "0" => false,
            "1" => true,
            _ => return None,
        };
        let micros: i64 = parts.next()?.parse().ok()?;
        let id: i64 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || id < 1 {
            return None;
        }
        let published_at = chrono::DateTime::from_timestamp_micros(micros)?.naive_utc();
        Some(Cursor {
            pinned,
            published_at,
            id,
        })
    }
}

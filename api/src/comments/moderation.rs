//! Which new comments wait for a moderator, and the checks on a comment's text.

use crate::config::CommentModeration;

/// Longest comment, in characters after trimming.
pub const MAX_CHARS: usize = 2_000;
/// More links than this send a comment to the queue.
pub const MAX_LINKS: usize = 2;
/// A member's approved comments needed before theirs appear at once under the `new` policy.
pub const TRUSTED_AFTER: i64 = 3;

/// The comment's text: trimmed, 1 to 2,000 characters, no control characters but line breaks and tabs.
pub fn parse_content(raw: &str) -> Result<String, (&'static str, String)> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(("blank", "must not be blank".into()));
    }
    if text.chars().count() > MAX_CHARS {
        return Err((
            "too_long",
            format!("must be at most {MAX_CHARS} characters"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(("characters", "must not contain control characters".into()));
    }
    Ok(text.to_owned())
}

fn link_count(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count()
        + lower.matches("https://").count()
        + lower.matches("www.").count()
}

fn has_banned_word(text: &str, banned: &[String]) -> bool {
    let lower = text.to_lowercase();
    banned
        .iter()
        .any(|word| !word.is_empty() && lower.contains(&word.to_lowercase()))
}

/// Whether a new comment waits for a moderator.
pub fn needs_moderation(
    text: &str,
    banned: &[String],
    policy: CommentModeration,
    approved_by_member: i64,
) -> bool {
    let by_policy = match policy {
        CommentModeration::All => true,
        CommentModeration::New => approved_by_member < TRUSTED_AFTER,
        CommentModeration::None => false,
    };
    by_policy || link_count(text) > MAX_LINKS || has_banned_word(text, banned)
}

/// The stored banned-word list: one word or phrase per line.
pub fn parse_banned_words(stored: &str) -> Vec<String> {
    stored
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_trimmed_and_bounded() {
        assert_eq!(
            parse_content("  好文章！\n受益匪浅 ").unwrap(),
            "好文章！\n受益匪浅"
        );
        assert_eq!(parse_content(" \n\t ").unwrap_err().0, "blank");
        assert_eq!(
            parse_content(&"评".repeat(2_001)).unwrap_err().0,
            "too_long"
        );
        assert!(parse_content(&"评".repeat(2_000)).is_ok());
        assert_eq!(parse_content("a\u{0}b").unwrap_err().0, "characters");
    }

    #[test]
    fn policies_links_and_banned_words_decide_the_queue() {
        let banned = vec!["代开发票".to_owned()];
        assert!(needs_moderation("好", &banned, CommentModeration::All, 10));
        assert!(needs_moderation("好", &banned, CommentModeration::New, 2));
        assert!(!needs_moderation("好", &banned, CommentModeration::New, 3));
        assert!(!needs_moderation("好", &banned, CommentModeration::None, 0));
        assert!(needs_moderation(
            "http://a https://b www.c",
            &banned,
            CommentModeration::None,
            0
        ));
        assert!(!needs_moderation(
            "http://a https://b",
            &banned,
            CommentModeration::None,
            0
        ));
        assert!(needs_moderation(
            "专业代开发票",
            &banned,
            CommentModeration::None,
            0
        ));
    }
}

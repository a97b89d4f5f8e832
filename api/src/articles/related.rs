//! 相关文章: up to five articles under an article. Same category first, then others that share
//! words of the title; within each, more shared title terms first, then newest. Candidates are the
//! recent articles (`queries::related_candidates`), as WordPress "related posts" plugins limit
//! themselves to recent posts, so an article page costs two index walks, not a search.

use std::collections::HashSet;

use super::dto::ArticleLink;
use crate::search::terms::document_terms;

pub const RELATED_MAX: usize = 5;

/// Title terms that say something: pairs of characters and words, not single characters.
fn title_terms(title: &str) -> HashSet<String> {
    document_terms(title)
        .into_iter()
        .filter(|term| term.chars().count() >= 2)
        .collect()
}

/// `candidates` are (id, category, title), newest first within the same category, then the rest.
pub fn related(
    title: &str,
    category_id: i64,
    candidates: Vec<(i64, i64, String)>,
) -> Vec<ArticleLink> {
    let wanted = title_terms(title);
    let mut scored: Vec<(bool, usize, usize, i64, String)> = candidates
        .into_iter()
        .enumerate()
        .map(|(order, (id, category, title))| {
            let shared = title_terms(&title).intersection(&wanted).count();
            (category == category_id, shared, order, id, title)
        })
        .filter(|(same_category, shared, ..)| *same_category || *shared > 0)
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0) // same category first
            .then(b.1.cmp(&a.1)) // then more shared terms
            .then(a.2.cmp(&b.2)) // then newest
    });
    scored
        .into_iter()
        .take(RELATED_MAX)
        .map(|(.., id, title)| ArticleLink { id, title })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_category_comes_first_then_shared_title_terms() {
        let candidates = vec![
            (1, 7, "无关的标题".to_owned()),
            (2, 7, "秘书队伍的建设".to_owned()),
            (3, 9, "秘书队伍建设经验".to_owned()),
            (4, 9, "毫不相干".to_owned()),
            (5, 9, "队伍".to_owned()),
        ];
        let ids: Vec<i64> = related("加强秘书队伍建设", 7, candidates)
            .into_iter()
            .map(|link| link.id)
            .collect();
        assert_eq!(ids, [2, 1, 3, 5]);
    }

    #[test]
    fn at_most_five() {
        let candidates = (1..=9).map(|id| (id, 1, format!("标题{id}"))).collect();
        assert_eq!(related("标题", 1, candidates).len(), RELATED_MAX);
    }
}

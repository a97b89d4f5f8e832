//! 相关文章: up to five articles under an article. Same category first, then others that share
//! words of the title; within each, more shared title terms first, then newest. Candidates are the
//! recent articles — the latest 50 of the category and the latest 200 of the site, as WordPress
//! "related posts" plugins limit themselves to recent posts — read once per cache period and shared
//! by every article page, so building a page costs no query for them.

use std::collections::HashSet;
use std::sync::Arc;

use diesel::QueryResult;

use super::dto::ArticleLink;
use super::queries;
use crate::db::{Database, DbConnection};
use crate::error::ApiError;
use crate::search::terms::document_terms;
use crate::swr::SwrCache;

pub const RELATED_MAX: usize = 5;
/// How many of the latest articles of a category, and of the site, are candidates.
pub const CATEGORY_CANDIDATES: i64 = 50;
pub const SITE_CANDIDATES: i64 = 200;

/// A recent article and the terms of its title, computed once for every page that weighs it.
pub struct Candidate {
    pub id: i64,
    pub category_id: i64,
    pub title: String,
    terms: HashSet<String>,
}

impl Candidate {
    pub fn new(id: i64, category_id: i64, title: String) -> Self {
        Candidate {
            terms: title_terms(&title),
            id,
            category_id,
            title,
        }
    }
}

/// Title terms that say something: pairs of characters and words, not single characters.
fn title_terms(title: &str) -> HashSet<String> {
    document_terms(title)
        .into_iter()
        .filter(|term| term.chars().count() >= 2)
        .collect()
}

/// The candidates of a category (`Some`) or of the whole site (`None`), newest first, from
/// `cache` (`ReadCaches::related`).
pub async fn candidates(
    cache: &Arc<SwrCache<Vec<Candidate>>>,
    db: &Database,
    category_id: Option<i64>,
) -> Result<Arc<Vec<Candidate>>, ApiError> {
    let db = db.clone();
    let key = category_id.map_or_else(String::new, |id| id.to_string());
    cache
        .get(key, move || async move {
            db.run(move |conn| Ok(read_candidates(conn, category_id)?))
                .await
        })
        .await
}

/// The candidates of a category (`Some`) or of the whole site (`None`), read now: for the cache
/// above, and for editors' pages, which are never cached.
pub fn read_candidates(
    conn: &mut DbConnection,
    category_id: Option<i64>,
) -> QueryResult<Vec<Candidate>> {
    let limit = if category_id.is_some() {
        CATEGORY_CANDIDATES
    } else {
        SITE_CANDIDATES
    };
    Ok(queries::latest_titles(conn, category_id, limit)?
        .into_iter()
        .map(|(id, category, title)| Candidate::new(id, category, title))
        .collect())
}

/// The related articles of article `id`: `in_category` are its category's candidates, `site` the
/// site's (newest first each).
pub fn related(
    id: i64,
    title: &str,
    category_id: i64,
    in_category: &[Candidate],
    site: &[Candidate],
) -> Vec<ArticleLink> {
    let wanted = title_terms(title);
    let shared = |c: &Candidate| c.terms.intersection(&wanted).count();
    let mut same: Vec<(usize, usize, &Candidate)> = in_category
        .iter()
        .filter(|c| c.id != id)
        .enumerate()
        .map(|(order, c)| (shared(c), order, c))
        .collect();
    let mut others: Vec<(usize, usize, &Candidate)> = site
        .iter()
        .filter(|c| c.id != id && c.category_id != category_id)
        .enumerate()
        .map(|(order, c)| (shared(c), order, c))
        .filter(|(shared, ..)| *shared > 0)
        .collect();
    // More shared terms first, then newest.
    let order = |a: &(usize, usize, &Candidate), b: &(usize, usize, &Candidate)| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1))
    };
    same.sort_by(order);
    others.sort_by(order);
    same.into_iter()
        .chain(others)
        .take(RELATED_MAX)
        .map(|(.., c)| ArticleLink {
            id: c.id,
            title: c.title.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(rows: &[(i64, i64, &str)]) -> Vec<Candidate> {
        rows.iter()
            .map(|&(id, category, title)| Candidate::new(id, category, title.to_owned()))
            .collect()
    }

    #[test]
    fn same_category_comes_first_then_shared_title_terms() {
        let in_category = candidates(&[
            (6, 7, "加强秘书队伍建设"),
            (1, 7, "无关的标题"),
            (2, 7, "秘书队伍的建设"),
        ]);
        let site = candidates(&[
            (6, 7, "加强秘书队伍建设"),
            (5, 9, "队伍"),
            (4, 9, "毫不相干"),
            (3, 9, "秘书队伍建设经验"),
            (2, 7, "秘书队伍的建设"),
        ]);
        let ids: Vec<i64> = related(6, "加强秘书队伍建设", 7, &in_category, &site)
            .into_iter()
            .map(|link| link.id)
            .collect();
        assert_eq!(ids, [2, 1, 3, 5]);
    }

    #[test]
    fn at_most_five() {
        let rows: Vec<(i64, i64, String)> =
            (1..=9).map(|id| (id, 1, format!("标题{id}"))).collect();
        let in_category: Vec<Candidate> = rows
            .into_iter()
            .map(|(id, c, t)| Candidate::new(id, c, t))
            .collect();
        assert_eq!(
            related(100, "标题", 1, &in_category, &[]).len(),
            RELATED_MAX
        );
    }
}

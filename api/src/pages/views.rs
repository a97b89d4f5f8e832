//! The pages' templates (in `api/templates/`, compiled and type-checked by askama) and the few
//! values they work out from the API's responses.

use std::borrow::Borrow;

use askama::Template;

use super::frame::Frame;
use super::head::Head;
use crate::articles::dto::{ArticlePage, ArticleResponse};
use crate::categories::dto::{CategoryDetailResponse, CategoryResponse};
use crate::comments::dto::CommentPage;
use crate::discovery::links;
use crate::home::dto::HomeResponse;
use crate::members::dto::MemberKind;
use crate::search::dto::SearchPage;
use crate::site_time::SiteTime;

/// A step of the breadcrumb; the page the reader is on has no link.
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

/// A moment as `<time datetime="…">` shows it, and as the reader reads it.
pub struct Shown {
    pub machine: String,
    pub shown: String,
}

/// A line of a title list.
pub struct Line {
    pub href: String,
    pub title: String,
    pub aside: Option<String>,
    pub machine: Option<String>,
}

pub enum PageSlot {
    Gap,
    Current(i64),
    Link(i64, String),
}

/// 上一页 1 2 3 下一页, as the SPA's Pagination draws it.
pub struct Pager {
    pub previous: Option<String>,
    pub slots: Vec<PageSlot>,
    pub next: Option<String>,
}

impl Pager {
    pub fn new(page: i64, total_pages: i64, href_for: impl Fn(i64) -> String) -> Self {
        let last = total_pages.max(1);
        let slots = page_slots(page, last)
            .into_iter()
            .map(|slot| match slot {
                None => PageSlot::Gap,
                Some(n) if n == page => PageSlot::Current(n),
                Some(n) => PageSlot::Link(n, href_for(n)),
            })
            .collect();
        Pager {
            previous: (page > 1).then(|| href_for((page - 1).min(last))),
            slots,
            next: (page < last).then(|| href_for(page + 1)),
        }
    }
}

/// The SPA's `pageSlots`: every page when few, else the first, the last and those around `page`
/// (`None` for a gap).
fn page_slots(page: i64, total_pages: i64) -> Vec<Option<i64>> {
    if total_pages <= 9 {
        return (1..=total_pages).map(Some).collect();
    }
    let from = 2.max((page - 2).min(total_pages - 5));
    let to = (total_pages - 1).min((page + 2).max(6));
    let mut slots = vec![Some(1)];
    if from > 2 {
        slots.push(None);
    }
    slots.extend((from..=to).map(Some));
    if to < total_pages - 1 {
        slots.push(None);
    }
    slots.push(Some(total_pages));
    slots
}

#[derive(Template)]
#[template(path = "article.html")]
pub struct ArticleTemplate<'a> {
    pub frame: Frame<'a>,
    pub head: Head,
    pub article: &'a ArticleResponse,
    pub published: Option<Shown>,
    /// The body is withheld for enterprise members only (else for members).
    pub enterprise: bool,
    pub comments: &'a CommentPage,
    pub time: SiteTime,
}

impl ArticleTemplate<'_> {
    fn crumbs(&self) -> Vec<Crumb> {
        let mut crumbs = vec![Crumb {
            label: self.frame.site_name.to_owned(),
            href: Some("/".into()),
        }];
        crumbs.extend(self.article.breadcrumb.iter().map(|step| Crumb {
            label: step.name.clone(),
            href: Some(links::category(&step.slug)),
        }));
        crumbs
    }

    fn is_enterprise(&self, kind: impl Borrow<MemberKind>) -> bool {
        *kind.borrow() == MemberKind::Enterprise
    }
}

#[derive(Template)]
#[template(path = "category.html")]
pub struct CategoryTemplate<'a> {
    pub frame: Frame<'a>,
    pub head: Head,
    pub detail: &'a CategoryDetailResponse,
    pub list: &'a ArticlePage,
    pub page: i64,
    pub pager: Pager,
    pub time: SiteTime,
}

impl CategoryTemplate<'_> {
    fn crumbs(&self) -> Vec<Crumb> {
        let current = &self.detail.category;
        let mut crumbs = vec![Crumb {
            label: self.frame.site_name.to_owned(),
            href: Some("/".into()),
        }];
        crumbs.extend(
            self.detail
                .breadcrumb
                .iter()
                .filter(|step| step.id != current.id)
                .map(|step| Crumb {
                    label: step.name.clone(),
                    href: Some(links::category(&step.slug)),
                }),
        );
        crumbs.push(Crumb {
            label: current.name.clone(),
            href: None,
        });
        crumbs
    }

    fn lines(&self) -> Vec<Line> {
        self.list
            .items
            .iter()
            .map(|a| Line {
                href: links::article(a.id),
                title: a.title.clone(),
                aside: a.published_at.map(|at| self.time.date(at)),
                machine: a.published_at.map(crate::site_time::machine),
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomeTemplate<'a> {
    pub frame: Frame<'a>,
    pub head: Head,
    pub home: &'a HomeResponse,
    pub time: SiteTime,
}

/// A comment longer than this is cut on the home page, as the SPA cuts it.
const EXCERPT_CHARS: usize = 120;

impl HomeTemplate<'_> {
    fn excerpt(&self, content: &str) -> String {
        if content.chars().count() > EXCERPT_CHARS {
            let mut cut: String = content.chars().take(EXCERPT_CHARS).collect();
            cut.push('…');
            cut
        } else {
            content.to_owned()
        }
    }
}

/// What a search page shows under its heading.
pub enum SearchOutcome<'a> {
    /// No words yet: how to search.
    NoQuery,
    /// The search was refused (too long, nothing to search for, an unknown category).
    Refused(String),
    Found(&'a SearchPage),
}

/// A category in the search filter, indented by depth as in the SPA.
pub struct CategoryOption {
    pub slug: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchTemplate<'a> {
    pub frame: Frame<'a>,
    pub head: Head,
    pub heading: String,
    pub outcome: SearchOutcome<'a>,
    pub categories: Vec<CategoryOption>,
    pub all_categories: &'a [CategoryResponse],
    pub category: &'a str,
    pub page: i64,
    pub pager: Pager,
    pub time: SiteTime,
}

impl SearchTemplate<'_> {
    fn crumbs(&self) -> Vec<Crumb> {
        vec![
            Crumb {
                label: self.frame.site_name.to_owned(),
                href: Some("/".into()),
            },
            Crumb {
                label: "搜索".into(),
                href: None,
            },
        ]
    }

    fn shown(&self, at: &Option<chrono::DateTime<chrono::Utc>>) -> Option<Shown> {
        at.map(|at| Shown {
            machine: crate::site_time::machine(at),
            shown: self.time.date(at),
        })
    }

    fn category_of(&self, id: impl Borrow<i64>) -> Option<&CategoryResponse> {
        let id = *id.borrow();
        self.all_categories.iter().find(|c| c.id == id)
    }
}

#[derive(Template)]
#[template(path = "not_found.html")]
pub struct NotFoundTemplate<'a> {
    pub frame: Frame<'a>,
    pub head: Head,
    pub path: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_slots_match_the_spa() {
        assert_eq!(page_slots(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_slots(10, 20),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
    }
}

//! Sitemaps (sitemaps.org 0.9): the home page, every category and every public article. Past the
//! page size (50,000 URLs, the protocol's limit) `/sitemap.xml` becomes an index of
//! `/sitemap-{n}.xml` files: the first ones hold the home page and the categories, each further one
//! the public articles of one range of ids. Ranges of ids rather than counts keep a file's content
//! where it is as articles come and go (a crawler re-reads only the files whose `lastmod` moved), and
//! make each file an index range read; a range holds at most `size` ids, so at most `size` URLs.

use std::fmt::Write as _;

use chrono::NaiveDateTime;

use super::model::IdRange;
use super::xml::{escape, rfc3339};

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One URL of a sitemap: a path below the origin and, when known, its last change.
pub struct Url {
    pub path: String,
    pub lastmod: Option<NaiveDateTime>,
}

/// Which sitemap files there are, given the URLs that are not articles and the article ranges.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// URLs per file.
    pub size: u64,
    /// The home page and the categories.
    pub pages: u64,
    /// All public articles.
    pub articles: u64,
}

/// What `/sitemap-{n}.xml` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    /// The pages (home, categories) from this index of their list on, `size` of them at most.
    Pages { skip: u64 },
    /// The public articles of one id range.
    Articles { bucket: i64 },
}

impl Layout {
    /// Whether everything fits in `/sitemap.xml` itself.
    pub fn fits_one_file(&self) -> bool {
        self.pages + self.articles <= self.size
    }

    /// Files of pages (at least one: the home page).
    fn page_files(&self) -> u64 {
        self.pages.div_ceil(self.size).max(1)
    }

    /// The file `/sitemap-{n}.xml` names, or `None` past the pages when `n` is no range.
    pub fn file(&self, n: u64) -> Option<File> {
        let page_files = self.page_files();
        match n {
            0 => None,
            n if n <= page_files => Some(File::Pages {
                skip: (n - 1) * self.size,
            }),
            n => i64::try_from(n - page_files - 1)
                .ok()
                .map(|bucket| File::Articles { bucket }),
        }
    }

    /// The ids the file of `bucket` covers.
    pub fn ids(&self, bucket: i64) -> Option<(i64, i64)> {
        let size = self.size as i64;
        let first = bucket.checked_mul(size)?.checked_add(1)?;
        Some((first, first.checked_add(size - 1)?))
    }

    /// The index's entries: each page file, then each id range that holds public articles, with
    /// the file's number and its `lastmod` (for pages, the newest change of all: the home page lists
    /// the latest articles).
    pub fn files(&self, ranges: &[IdRange]) -> Vec<(u64, Option<NaiveDateTime>)> {
        let newest = ranges.iter().map(|range| range.lastmod).max();
        let page_files = self.page_files();
        let mut files: Vec<_> = (1..=page_files).map(|n| (n, newest)).collect();
        files.extend(
            ranges
                .iter()
                .map(|range| (page_files + 1 + range.bucket as u64, Some(range.lastmod))),
        );
        files
    }
}

pub fn urlset(origin: &str, urls: impl IntoIterator<Item = Url>) -> String {
    let origin = escape(origin);
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<urlset xmlns=\"{NAMESPACE}\">");
    for url in urls {
        let _ = write!(out, "<url><loc>{origin}{}</loc>", escape(&url.path));
        if let Some(at) = url.lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", rfc3339(at));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn index(origin: &str, files: &[(u64, Option<NaiveDateTime>)]) -> String {
    let origin = escape(origin);
    let mut out = String::with_capacity(256 + files.len() * 128);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<sitemapindex xmlns=\"{NAMESPACE}\">");
    for (n, lastmod) in files {
        let _ = write!(out, "<sitemap><loc>{origin}/sitemap-{n}.xml</loc>");
        if let Some(at) = lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", rfc3339(*at));
        }
        out.push_str("</sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: u64, pages: u64, articles: u64) -> Layout {
        Layout {
            size,
            pages,
            articles,
        }
    }

    #[test]
    fn files_after_the_pages_are_id_ranges() {
        let layout = layout(3, 4, 10);
        assert!(!layout.fits_one_file());
        assert_eq!(layout.file(0), None);
        assert_eq!(layout.file(1), Some(File::Pages { skip: 0 }));
        assert_eq!(layout.file(2), Some(File::Pages { skip: 3 }));
        assert_eq!(layout.file(3), Some(File::Articles { bucket: 0 }));
        assert_eq!(layout.ids(0), Some((1, 3)));
        assert_eq!(layout.ids(2), Some((7, 9)));
        assert_eq!(layout.ids(i64::MAX), None);
        assert_eq!(layout.file(u64::MAX), None);
    }

    #[test]
    fn a_small_site_fits_one_file() {
        assert!(layout(50_000, 12, 49_988).fits_one_file());
        assert!(!layout(50_000, 12, 49_989).fits_one_file());
    }
}

use diesel::dsl::{count_star, max};
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::model::{FeedEntry, IdRange, SitemapArticle};
use crate::articles::queries::publicly_visible;
use crate::db::schema::articles;
use crate::db::DbConnection;

/// The newest `limit` public articles, of the whole site or of `category_ids`, newest first: a feed
/// is chronological, pinned or not. One query per pinned state (and category), because the listing
/// indexes begin with them: each is then a seek that reads its rows in order and stops at `limit`,
/// where one query over all of them would sort every match.
pub fn latest(
    conn: &mut DbConnection,
    category_ids: Option<&[i64]>,
    limit: i64,
) -> QueryResult<Vec<FeedEntry>> {
    let newest_first = (articles::published_at.desc(), articles::id.desc());
    let mut found = Vec::new();
    for pinned in [false, true] {
        let query = articles::table
            .filter(publicly_visible())
            .filter(articles::pinned.eq(pinned))
            .select(FeedEntry::as_select())
            .order(newest_first)
            .limit(limit);
        match category_ids {
            None => found.extend(query.load(conn)?),
            Some(ids) => {
                for &id in ids {
                    found.extend(query.filter(articles::category_id.eq(id)).load(conn)?);
                }
            }
        }
    }
    found.sort_unstable_by_key(|entry| std::cmp::Reverse((entry.published_at, entry.id)));
    found.truncate(limit.max(0) as usize);
    Ok(found)
}

/// The sitemap's id ranges of `size` ids that hold public articles, in order, in one pass over the
/// sitemap index (ids and times only, never a row).
pub fn id_ranges(conn: &mut DbConnection, size: i64) -> QueryResult<Vec<IdRange>> {
    // Grouped by the first column (the bucket) rather than by its expression again: the size is
    // bound, and a second parameter would not be the same expression to the database.
    let bucket = diesel::dsl::sql::<BigInt>("(articles.id - 1) / ").bind::<BigInt, _>(size);
    let rows: Vec<(
        i64,
        i64,
        Option<chrono::NaiveDateTime>,
        Option<chrono::NaiveDateTime>,
    )> = articles::table
        .filter(publicly_visible())
        .group_by(diesel::dsl::sql::<BigInt>("1"))
        .select((
            bucket,
            count_star(),
            max(articles::updated_at),
            max(articles::published_at),
        ))
        .load(conn)?;
    let mut ranges: Vec<IdRange> = rows
        .into_iter()
        .filter_map(|(bucket, articles, updated, published)| {
            let lastmod = updated.max(published)?;
            Some(IdRange {
                bucket,
                articles,
                lastmod,
            })
        })
        .collect();
    ranges.sort_unstable_by_key(|range| range.bucket);
    Ok(ranges)
}

/// The first `limit` public articles with ids from `first` to `last`, by id.
pub fn sitemap_articles(
    conn: &mut DbConnection,
    first: i64,
    last: i64,
    limit: i64,
) -> QueryResult<Vec<SitemapArticle>> {
    articles::table
        .filter(publicly_visible())
        .filter(articles::id.between(first, last))
        .select(SitemapArticle::as_select())
        .order(articles::id.asc())
        .limit(limit)
        .load(conn)
}

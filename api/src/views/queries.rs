use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::upsert::excluded;

use crate::db::schema::{article_view_days, articles};
use crate::db::DbConnection;

/// Adds view deltas to the articles and today's buckets, all or nothing. An article deleted since
/// its views were counted is skipped rather than failing the batch.
pub fn add_views(
    conn: &mut DbConnection,
    deltas: &HashMap<i64, i64>,
    today: NaiveDate,
) -> QueryResult<()> {
    // Upserts are written once per backend: diesel's MultiConnection has no common `on_conflict`.
    macro_rules! add_all {
        ($conn:expr) => {
            for (&id, &delta) in deltas {
                let updated = diesel::update(articles::table.find(id))
                    .set(articles::views.eq(articles::views + delta))
                    .execute($conn)?;
                if updated == 0 {
                    continue;
                }
                diesel::insert_into(article_view_days::table)
                    .values((
                        article_view_days::article_id.eq(id),
                        article_view_days::day.eq(today),
                        article_view_days::views.eq(delta),
                    ))
                    .on_conflict((article_view_days::article_id, article_view_days::day))
                    .do_update()
                    .set(
                        article_view_days::views
                            .eq(article_view_days::views + excluded(article_view_days::views)),
                    )
                    .execute($conn)?;
            }
        };
    }
    match conn {
        DbConnection::Pg(c) => c.transaction(|c| {
            add_all!(c);
            Ok(())
        }),
        // IMMEDIATE takes the write lock up front, so concurrent writers wait (busy_timeout) instead
        // of failing when a read transaction tries to upgrade.
        DbConnection::Sqlite(c) => c.immediate_transaction(|c| {
            add_all!(c);
            Ok(())
        }),
    }
}

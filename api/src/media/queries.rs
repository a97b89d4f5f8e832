use diesel::prelude::*;

use super::model::MediaRow;
use crate::db::schema::media;
use crate::db::DbConnection;
use crate::domain::Pagination;

pub fn insert(
    conn: &mut DbConnection,
    sha256: &str,
    content_type: &str,
    byte_size: i64,
    file_name: &str,
    uploaded_by: i64,
) -> QueryResult<MediaRow> {
    let id: i64 = diesel::insert_into(media::table)
        .values((
            media::sha256.eq(sha256),
            media::content_type.eq(content_type),
            media::byte_size.eq(byte_size),
            media::file_name.eq(file_name),
            media::uploaded_by.eq(uploaded_by),
            media::created_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .returning(media::id)
        .get_result(conn)?;
    media::table
        .find(id)
        .select(MediaRow::as_select())
        .first(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<MediaRow>> {
    media::table
        .find(id)
        .select(MediaRow::as_select())
        .first(conn)
        .optional()
}

/// Deletes the row; true when no other upload still uses the same file.
pub fn delete(conn: &mut DbConnection, row: &MediaRow) -> QueryResult<bool> {
    diesel::delete(media::table.find(row.id)).execute(conn)?;
    let others: i64 = media::table
        .filter(media::sha256.eq(&row.sha256))
        .count()
        .get_result(conn)?;
    Ok(others == 0)
}

/// Newest first.
pub fn list(conn: &mut DbConnection, page: Pagination) -> QueryResult<(Vec<MediaRow>, i64)> {
    let total = media::table.count().get_result(conn)?;
    let items = media::table
        .order((media::created_at.desc(), media::id.desc()))
        .select(MediaRow::as_select())
        .limit(page.per_page())
        .offset(page.offset())
        .load(conn)?;
    Ok((items, total))
}

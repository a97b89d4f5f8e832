use std::collections::HashMap;

use diesel::dsl::count_star;
use diesel::prelude::*;

use super::model::{Category, CategoryTree};
use crate::articles::queries::publicly_visible;
use crate::db::schema::{articles, categories};
use crate::db::DbConnection;

pub fn tree(conn: &mut DbConnection) -> QueryResult<CategoryTree> {
    let all = categories::table.select(Category::as_select()).load(conn)?;
    Ok(CategoryTree::new(all))
}

/// Published-article counts per category (its own articles only), in one grouped query.
pub fn published_counts(conn: &mut DbConnection) -> QueryResult<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = articles::table
        .filter(publicly_visible())
        .group_by(articles::category_id)
        .select((articles::category_id, count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

//! The only code that touches the categories table, and the articles a category holds.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::model::{Category, CategoryChanges, CategoryTree, NewCategory};
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

/// Whether another category (not `except`) has this slug.
pub fn slug_taken(conn: &mut DbConnection, slug: &str, except: Option<i64>) -> QueryResult<bool> {
    let mut query = categories::table
        .filter(categories::slug.eq(slug.to_owned()))
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(categories::id.ne(id));
    }
    Ok(query
        .select(categories::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

/// Stores a new category; returns its id.
pub fn insert(
    conn: &mut DbConnection,
    category: &NewCategory<'_>,
    created_at: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(categories::table)
        .values((category, categories::created_at.eq(created_at)))
        .returning(categories::id)
        .get_result(conn)
}

/// Changes the columns `changes` names; none named is no statement.
pub fn update(conn: &mut DbConnection, id: i64, changes: &CategoryChanges) -> QueryResult<()> {
    if !changes.is_empty() {
        diesel::update(categories::table.find(id))
            .set(changes)
            .execute(conn)?;
    }
    Ok(())
}

/// The category's own articles, every status, trashed ones included.
pub fn article_count(conn: &mut DbConnection, id: i64) -> QueryResult<i64> {
    articles::table
        .filter(articles::category_id.eq(id))
        .count()
        .get_result(conn)
}

/// Moves every article of one category to another.
pub fn move_articles(conn: &mut DbConnection, from: i64, to: i64) -> QueryResult<()> {
    diesel::update(articles::table.filter(articles::category_id.eq(from)))
        .set(articles::category_id.eq(to))
        .execute(conn)?;
    Ok(())
}

/// Deletes a category; its subcategories move up to `parent_id` (its own parent) first.
pub fn delete(conn: &mut DbConnection, id: i64, parent_id: Option<i64>) -> QueryResult<()> {
    diesel::update(categories::table.filter(categories::parent_id.eq(id)))
        .set(categories::parent_id.eq(parent_id))
        .execute(conn)?;
    diesel::delete(categories::table.find(id)).execute(conn)?;
    Ok(())
}

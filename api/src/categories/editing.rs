//! Editors' category operations: create, rename, move in the tree (no cycles), reorder, delete
//! (refused while it holds articles unless they move elsewhere). Each write is audited in its own
//! transaction and clears this instance's read caches.

use super::dto::{CategoryResponse, CategoryView, CreateCategoryRequest, UpdateCategoryRequest};
use super::model::{CategoryChanges, CategoryTree, NewCategory};
use super::queries;
use crate::audit::{self, Entry};
use crate::auth::Staff;
use crate::cache::ReadCaches;
use crate::db::{write_transaction, Database, DbConnection};
use crate::domain::{parse_text, Checks, Invalid};
use crate::error::ApiError;

const NAME_MAX: usize = 50;
const DESCRIPTION_MAX: usize = 500;

pub async fn create_category(
    db: &Database,
    caches: &ReadCaches,
    editor: Staff,
    request: CreateCategoryRequest,
) -> Result<CategoryResponse, ApiError> {
    let tree = caches.tree(db).await?;
    let mut checks = Checks::default();
    let name = checks.check("name", parse_text(&request.name, NAME_MAX));
    let slug = checks.check("slug", parse_slug(&request.slug));
    let description = match request.description.as_deref().map(str::trim) {
        None | Some("") => Some(String::new()),
        Some(text) => checks.check("description", parse_text(text, DESCRIPTION_MAX)),
    };
    check_parent(&mut checks, &tree, None, request.parent_id);
    checks.finish()?;
    let (name, slug, description) = (
        name.unwrap_or_default(),
        slug.unwrap_or_default(),
        description.unwrap_or_default(),
    );
    let response = db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                refuse_taken_slug(conn, &slug, None)?;
                let category = NewCategory {
                    parent_id: request.parent_id,
                    name: &name,
                    slug: &slug,
                    description: &description,
                    sort_order: request.sort_order.unwrap_or(0),
                };
                let id = queries::insert(conn, &category, chrono::Utc::now().naive_utc())?;
                let summary = format!("{name} ({slug})");
                audit_category(conn, &editor, "category.create", id, &summary)?;
                category_response(conn, id)
            })
        })
        .await?;
    caches.invalidate();
    Ok(response)
}

/// Renames, re-slugs, moves or reorders the category `wanted` (its id or slug).
pub async fn update_category(
    db: &Database,
    caches: &ReadCaches,
    editor: Staff,
    wanted: String,
    request: UpdateCategoryRequest,
) -> Result<CategoryResponse, ApiError> {
    let tree = caches.tree(db).await?;
    let id = tree
        .find(&wanted)
        .ok_or_else(|| ApiError::NotFound(format!("no category is called {wanted}")))?
        .id;
    let mut checks = Checks::default();
    let name = request
        .name
        .as_deref()
        .and_then(|n| checks.check("name", parse_text(n, NAME_MAX)));
    let slug = request
        .slug
        .as_deref()
        .and_then(|s| checks.check("slug", parse_slug(s)));
    let description = match request.description.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(String::new()),
        Some(text) => checks.check("description", parse_text(text, DESCRIPTION_MAX)),
    };
    if let Some(parent) = request.parent_id {
        check_parent(&mut checks, &tree, Some(id), parent);
    }
    checks.finish()?;
    let changes = CategoryChanges {
        name,
        slug,
        description,
        parent_id: request.parent_id,
        sort_order: request.sort_order,
    };
    let response = db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                if let Some(slug) = &changes.slug {
                    refuse_taken_slug(conn, slug, Some(id))?;
                }
                // Checked again inside the transaction: the tree may have moved since the cache.
                if let Some(Some(parent)) = changes.parent_id {
                    if queries::tree(conn)?.subtree_ids(id).contains(&parent) {
                        return Err(ApiError::validation("parent_id", "cycle", CYCLE));
                    }
                }
                queries::update(conn, id, &changes)?;
                let summary = match changes.parent_id {
                    Some(Some(parent)) => format!("moved under {parent}"),
                    Some(None) => "moved to the top level".to_owned(),
                    None => "changed".to_owned(),
                };
                audit_category(conn, &editor, "category.update", id, &summary)?;
                category_response(conn, id)
            })
        })
        .await?;
    caches.invalidate();
    Ok(response)
}

/// Deletes the category `wanted` (its id or slug). Its subcategories move up to its parent; its
/// articles block the delete (409) unless `move_to` names where they go.
pub async fn delete_category(
    db: &Database,
    caches: &ReadCaches,
    editor: Staff,
    wanted: String,
    move_to: Option<i64>,
) -> Result<(), ApiError> {
    db.run_writing(move |conn| {
        write_transaction(conn, |conn| {
            let tree = queries::tree(conn)?;
            let category = tree
                .find(&wanted)
                .ok_or_else(|| ApiError::NotFound(format!("no category is called {wanted}")))?;
            let id = category.id;
            if let Some(target) = move_to {
                if target == id || tree.find(&target.to_string()).is_none() {
                    return Err(ApiError::validation(
                        "move_to",
                        "invalid",
                        "must name another existing category",
                    ));
                }
            }
            let held = queries::article_count(conn, id)?;
            match (held, move_to) {
                (0, _) => {}
                (_, Some(target)) => queries::move_articles(conn, id, target)?,
                (_, None) => {
                    return Err(ApiError::conflict(
                        "category_not_empty",
                        format!(
                            "the category holds {held} articles: pass move_to to move them first"
                        ),
                    ))
                }
            }
            queries::delete(conn, id, category.parent_id)?;
            let summary = format!(
                "{} ({}), {held} articles moved",
                category.name, category.slug
            );
            audit_category(conn, &editor, "category.delete", id, &summary)
        })
    })
    .await?;
    caches.invalidate();
    Ok(())
}

const CYCLE: &str = "a category cannot move under itself or one of its descendants";

fn parse_slug(raw: &str) -> Result<String, Invalid> {
    let slug = raw.trim();
    let valid = (1..=50).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        // A number would be read as an id in `/categories/{id_or_slug}`.
        && slug.parse::<i64>().is_err();
    if valid {
        Ok(slug.to_owned())
    } else {
        Err(Invalid::new(
            "format",
            "1 to 50 lower-case letters, digits and hyphens, not all digits",
        ))
    }
}

fn check_parent(
    checks: &mut Checks,
    tree: &CategoryTree,
    moving: Option<i64>,
    parent: Option<i64>,
) {
    let Some(parent) = parent else { return };
    if tree.find(&parent.to_string()).is_none() {
        checks.refuse("parent_id", "not_found", "no category has this id");
        return;
    }
    if let Some(moving) = moving {
        if tree.subtree_ids(moving).contains(&parent) {
            checks.refuse("parent_id", "cycle", CYCLE);
        }
    }
}

fn refuse_taken_slug(
    conn: &mut DbConnection,
    slug: &str,
    except: Option<i64>,
) -> Result<(), ApiError> {
    if queries::slug_taken(conn, slug, except)? {
        return Err(ApiError::conflict(
            "slug_taken",
            format!("the slug {slug} is taken"),
        ));
    }
    Ok(())
}

/// The category as the public list shows it, read inside the writing transaction.
fn category_response(conn: &mut DbConnection, id: i64) -> Result<CategoryResponse, ApiError> {
    let tree = queries::tree(conn)?;
    let counts = queries::published_counts(conn)?;
    let category = tree
        .find(&id.to_string())
        .ok_or_else(|| ApiError::NotFound(format!("no category has id {id}")))?;
    let view = CategoryView {
        tree: &tree,
        own_counts: &counts,
    };
    let depth = tree.path_to(id).len().saturating_sub(1);
    Ok(view.response(category, depth))
}

fn audit_category(
    conn: &mut DbConnection,
    editor: &Staff,
    action: &'static str,
    id: i64,
    summary: &str,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        editor,
        Entry {
            action,
            target_type: "category",
            target_id: id.to_string(),
            summary,
        },
    )?;
    Ok(())
}

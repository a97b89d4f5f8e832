use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::categories;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = categories)]
pub struct Category {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub sort_order: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = categories)]
pub struct NewCategory<'a> {
    pub parent_id: Option<i64>,
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub sort_order: i32,
}

/// An edit: `None` leaves a column alone; `parent_id: Some(None)` makes the category top-level.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = categories)]
pub struct CategoryChanges {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    pub parent_id: Option<Option<i64>>,
    pub sort_order: Option<i32>,
}

impl CategoryChanges {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.slug.is_none()
            && self.description.is_none()
            && self.parent_id.is_none()
            && self.sort_order.is_none()
    }
}

/// All categories with their place in the tree, loaded at once (the table is small).
#[derive(Debug, Clone)]
pub struct CategoryTree {
    categories: Vec<Category>,
}

impl CategoryTree {
    pub fn new(mut categories: Vec<Category>) -> Self {
        categories.sort_by_key(|c| (c.sort_order, c.id));
        CategoryTree { categories }
    }

    /// Finds a category by id (all digits) or by slug.
    pub fn find(&self, id_or_slug: &str) -> Option<&Category> {
        match id_or_slug.parse::<i64>() {
            Ok(id) => self.by_id(id),
            Err(_) => self.categories.iter().find(|c| c.slug == id_or_slug),
        }
    }

    pub fn by_id(&self, id: i64) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Root first, the category itself last. Stops on a cycle rather than looping.
    pub fn path_to(&self, id: i64) -> Vec<&Category> {
        let mut path = Vec::new();
        let mut next = self.by_id(id);
        while let Some(category) = next {
            if path.iter().any(|c: &&Category| c.id == category.id) {
                break;
            }
            path.push(category);
            next = category.parent_id.and_then(|p| self.by_id(p));
        }
        path.reverse();
        path
    }

    /// The category and everything below it.
    pub fn subtree_ids(&self, id: i64) -> Vec<i64> {
        let mut ids = vec![id];
        let mut i = 0;
        while i < ids.len() {
            let parent = ids[i];
            for child in self
                .categories
                .iter()
                .filter(|c| c.parent_id == Some(parent))
            {
                if !ids.contains(&child.id) {
                    ids.push(child.id);
                }
            }
            i += 1;
        }
        ids
    }

    /// Depth-first order (siblings by sort order, then id), with each category's depth.
    pub fn depth_first(&self) -> Vec<(&Category, usize)> {
        let mut ordered = Vec::with_capacity(self.categories.len());
        let roots = self
            .categories
            .iter()
            .filter(|c| c.parent_id.is_none_or(|p| self.by_id(p).is_none()));
        for root in roots {
            self.visit(root, 0, &mut ordered);
        }
        ordered
    }

    fn visit<'a>(
        &'a self,
        category: &'a Category,
        depth: usize,
        out: &mut Vec<(&'a Category, usize)>,
    ) {
        if out.iter().any(|(c, _)| c.id == category.id) {
            return;
        }
        out.push((category, depth));
        for child in self
            .categories
            .iter()
            .filter(|c| c.parent_id == Some(category.id))
        {
            self.visit(child, depth + 1, out);
        }
    }

    pub fn top_level(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| c.parent_id.is_none())
    }
}

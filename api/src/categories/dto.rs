use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::{Category, CategoryTree};

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryResponse {
    pub id: i64,
    /// `null` for a top-level category (the site itself is the root of the breadcrumb).
    pub parent_id: Option<i64>,
    #[schema(example = "特稿")]
    pub name: String,
    #[schema(example = "features")]
    pub slug: String,
    pub description: String,
    pub sort_order: i32,
    /// Published articles in this category and all categories below it.
    pub article_count: i64,
    /// 0 for top-level categories.
    pub depth: i32,
}

/// A link to a category, as breadcrumbs show it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CategoryRef {
    pub id: i64,
    pub name: String,
    pub slug: String,
}

/// The breadcrumb to a category: the root first, the category itself last.
pub fn breadcrumb(tree: &CategoryTree, category_id: i64) -> Vec<CategoryRef> {
    tree.path_to(category_id)
        .into_iter()
        .map(CategoryRef::from)
        .collect()
}

impl From<&Category> for CategoryRef {
    fn from(c: &Category) -> Self {
        CategoryRef {
            id: c.id,
            name: c.name.clone(),
            slug: c.slug.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "items": [
        {
            "id": 1,
            "parent_id": null,
            "name": "特稿",
            "slug": "features",
            "description": "本刊重点文章",
            "sort_order": 0,
            "article_count": 57,
            "depth": 0
        },
        {
            "id": 3,
            "parent_id": 1,
            "name": "秘书论坛",
            "slug": "forum",
            "description": "秘书工作者谈经验、谈体会",
            "sort_order": 0,
            "article_count": 21,
            "depth": 1
        },
        {
            "id": 2,
            "parent_id": null,
            "name": "访谈",
            "slug": "interviews",
            "description": "",
            "sort_order": 1,
            "article_count": 8,
            "depth": 0
        }
    ]
}))]
pub struct CategoryListResponse {
    /// Depth-first: each category is followed by its children (siblings by `sort_order`, then id).
    pub items: Vec<CategoryResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryDetailResponse {
    pub category: CategoryResponse,
    /// From the top-level category down to this one (the site name comes first on the page).
    pub breadcrumb: Vec<CategoryRef>,
}

/// Builds responses from the tree and the per-category counts.
pub struct CategoryView<'a> {
    pub tree: &'a CategoryTree,
    pub own_counts: &'a HashMap<i64, i64>,
}

impl CategoryView<'_> {
    pub fn response(&self, category: &Category, depth: usize) -> CategoryResponse {
        let article_count = self
            .tree
            .subtree_ids(category.id)
            .iter()
            .map(|id| self.own_counts.get(id).copied().unwrap_or(0))
            .sum();
        CategoryResponse {
            id: category.id,
            parent_id: category.parent_id,
            name: category.name.clone(),
            slug: category.slug.clone(),
            description: category.description.clone(),
            sort_order: category.sort_order,
            article_count,
            depth: depth as i32,
        }
    }

    pub fn list(&self) -> CategoryListResponse {
        CategoryListResponse {
            items: self
                .tree
                .depth_first()
                .into_iter()
                .map(|(c, depth)| self.response(c, depth))
                .collect(),
        }
    }

    pub fn detail(&self, category: &Category) -> CategoryDetailResponse {
        let path = self.tree.path_to(category.id);
        CategoryDetailResponse {
            category: self.response(category, path.len().saturating_sub(1)),
            breadcrumb: path.into_iter().map(CategoryRef::from).collect(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCategoryRequest {
    #[schema(example = "访谈")]
    pub name: String,
    /// Lower-case letters, digits and hyphens, 1 to 50; unique.
    #[schema(example = "interviews")]
    pub slug: String,
    pub description: Option<String>,
    /// Top level when absent.
    pub parent_id: Option<i64>,
    /// Siblings are listed by this, then by id.
    pub sort_order: Option<i32>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCategoryRequest {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    /// Moves it under another category; `null` makes it top-level. Under itself or one of its
    /// descendants is a cycle (422).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub parent_id: Option<Option<i64>>,
    pub sort_order: Option<i32>,
}

/// Absent stays `None`; `null` becomes `Some(None)`.
fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteCategoryQuery {
    /// Moves the category's articles (every status) here first; without it a category that holds
    /// articles is not deleted (409).
    pub move_to: Option<i64>,
}

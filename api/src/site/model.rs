use diesel::prelude::*;

use crate::db::schema::settings;

/// One row of the `settings` table.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = settings)]
pub struct Setting {
    pub name: String,
    pub value: String,
}

/// The settings that describe the site, read together.
#[derive(Debug)]
pub struct SiteSettings {
    pub name: String,
    pub description: String,
}

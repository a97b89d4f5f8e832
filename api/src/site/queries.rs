use diesel::prelude::*;

use super::model::{Setting, SiteSettings};
use crate::db::schema::settings;
use crate::db::DbConnection;

pub const SITE_NAME: &str = "site_name";
pub const SITE_DESCRIPTION: &str = "site_description";

pub fn site_settings(conn: &mut DbConnection) -> QueryResult<SiteSettings> {
    let rows: Vec<Setting> = settings::table
        .filter(settings::name.eq_any([SITE_NAME, SITE_DESCRIPTION]))
        .select(Setting::as_select())
        .load(conn)?;
    let value_of = |name: &str| {
        rows.iter()
            .find(|row| row.name == name)
            .map(|row| row.value.clone())
            .unwrap_or_default()
    };
    Ok(SiteSettings {
        name: value_of(SITE_NAME),
        description: value_of(SITE_DESCRIPTION),
    })
}

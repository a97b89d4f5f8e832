use serde::Serialize;
use utoipa::ToSchema;

use super::model::SiteSettings;
use crate::site_time::SiteTime;

/// What every page needs to know about the site.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteResponse {
    /// The site's name, shown in the header and the breadcrumb root.
    #[schema(example = "当代秘书")]
    pub name: String,
    pub description: String,
    /// The IANA zone every date and time on the site is shown in (the API's own times are UTC).
    #[schema(example = "Asia/Shanghai")]
    pub time_zone: String,
}

impl SiteResponse {
    pub fn new(settings: &SiteSettings, time: SiteTime) -> Self {
        SiteResponse {
            name: settings.name.clone(),
            description: settings.description.clone(),
            time_zone: time.name().to_owned(),
        }
    }
}

use serde::Serialize;
use utoipa::ToSchema;

use super::model::SiteSettings;

/// What every page needs to know about the site.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteResponse {
    /// The site's name, shown in the header and the breadcrumb root.
    #[schema(example = "当代秘书")]
    pub name: String,
    pub description: String,
}

impl From<SiteSettings> for SiteResponse {
    fn from(settings: SiteSettings) -> Self {
        SiteResponse {
            name: settings.name,
            description: settings.description,
        }
    }
}

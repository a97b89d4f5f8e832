use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::MediaRow;
use super::store::{stored_name, ImageKind};

/// The multipart form of an upload.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
#[schema(example = json!({
    "file": "(the image's bytes)"
}))]
pub struct UploadForm {
    /// A PNG, JPEG, WebP or GIF image of at most 5 MB (recognised from its bytes, not its name).
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// An uploaded image.
#[derive(Debug, Serialize, ToSchema)]
pub struct MediaResponse {
    pub id: i64,
    /// Where it is served; use it as `cover_url` or in Markdown: `![说明](/media/….png)`.
    #[schema(example = "/media/3b1f….png")]
    pub url: String,
    #[schema(example = "image/png")]
    pub content_type: String,
    pub byte_size: i64,
    /// The name it was uploaded with (for people; never used as a path).
    pub file_name: String,
    pub uploaded_by: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl From<MediaRow> for MediaResponse {
    fn from(row: MediaRow) -> Self {
        let kind = ImageKind::sniff_content_type(&row.content_type);
        MediaResponse {
            id: row.id,
            url: format!("/media/{}", stored_name(&row.sha256, kind)),
            content_type: row.content_type,
            byte_size: row.byte_size,
            file_name: row.file_name,
            uploaded_by: row.uploaded_by,
            created_at: row.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MediaPage {
    pub items: Vec<MediaResponse>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub total_pages: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MediaListQuery {
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100000)]
    pub page: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

use actix_files::NamedFile;
use actix_multipart::Multipart;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use futures_util::TryStreamExt as _;

use super::dto::{MediaListQuery, MediaPage, MediaResponse, UploadForm};
use super::model::MediaRow;
use super::queries;
use super::store::{self, ImageKind, MAX_UPLOAD_BYTES};
use crate::audit::{self, Entry};
use crate::auth::Staff;
use crate::db::write_transaction;
use crate::domain::Pagination;
use crate::error::ApiError;
use crate::openapi::responses::{
    BadRequest, BodyErrors, Forbidden, NotFound, Unauthenticated, Unavailable, ValidationFailed,
};
use crate::paging::paged_private;
use crate::state::AppState;
use crate::tokens::Scope;

const FILE_NAME_MAX: usize = 200;
/// Served files never change (their name is their hash): caches may keep them for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge {
        limit: MAX_UPLOAD_BYTES,
    }
}

fn unreadable(e: impl std::fmt::Display) -> ApiError {
    ApiError::BadRequest {
        code: "invalid_body",
        detail: format!("the upload could not be read: {e}"),
    }
}

/// The name a browser sent, checked: people read it, nothing uses it as a path.
fn parse_file_name(raw: Option<&str>) -> Result<String, ApiError> {
    let name = raw.unwrap_or("").trim();
    let refuse = |message: &str| ApiError::validation("file", "file_name", message.to_owned());
    if name.contains('\0') || name.chars().any(char::is_control) {
        return Err(refuse("the file name has control characters"));
    }
    if name.contains("..") || name.contains('/') || name.contains('\\') {
        return Err(refuse("the file name must not contain a path"));
    }
    if name.chars().count() > FILE_NAME_MAX {
        return Err(refuse("the file name is too long"));
    }
    Ok(if name.is_empty() {
        "upload".into()
    } else {
        name.into()
    })
}

/// Uploads an image (multipart/form-data, field `file`).
#[utoipa::path(
    tag = "editorial",
    description = "Stores an image sent as `multipart/form-data` in the field `file` and answers \
        where it is served (`/media/<sha256>.<ext>`); the same bytes uploaded twice are stored \
        once. An API token needs `media:write`.\n\n\
        Fails with 400 when the multipart body cannot be read or has no `file`; 403 for a member, \
        or a token without `media:write`; 413 over 5 MB; 415 when the body is not \
        `multipart/form-data` or the bytes are not a PNG, JPEG, WebP or GIF image; 422 for an \
        empty file, a file name with a path or control characters, or another field.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = MediaResponse,
            headers(("Location" = String, description = "Where the image is served: its `url`"))),
        BodyErrors, Unauthenticated, Forbidden, Unavailable,
    ),
)]
#[post("/media")]
pub async fn upload_media(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Staff,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    staff.require(Scope::MediaWrite)?;
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        return Err(ApiError::UnsupportedMediaType);
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    // Room for the multipart framing around a file at the limit.
    if declared.is_some_and(|len| len > MAX_UPLOAD_BYTES + 64 * 1024) {
        return Err(too_large());
    }
    let mut form = Multipart::new(req.headers(), payload);
    let mut upload: Option<(String, Vec<u8>)> = None;
    while let Some(mut field) = form.try_next().await.map_err(unreadable)? {
        match field.name() {
            Some("file") => {}
            // Like the JSON bodies' unknown fields: a client that sends more than `file` is told
            // so rather than have it silently dropped.
            other => {
                let name = other.unwrap_or_default().to_owned();
                return Err(ApiError::validation(
                    &name,
                    "unknown_field",
                    format!("unknown field `{name}`, expected `file`"),
                ));
            }
        }
        let file_name =
            parse_file_name(field.content_disposition().and_then(|cd| cd.get_filename()))?;
        let mut bytes = Vec::new();
        while let Some(chunk) = field.try_next().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        upload = Some((file_name, bytes));
    }
    let (file_name, bytes) = upload.ok_or_else(|| ApiError::BadRequest {
        code: "missing_file",
        detail: "send the image in a multipart field named `file`".into(),
    })?;
    if bytes.is_empty() {
        return Err(ApiError::validation("file", "empty", "the file is empty"));
    }
    let kind = ImageKind::sniff(&bytes).ok_or(ApiError::UnsupportedImage)?;
    let dir = store::media_dir(&state.config.data_dir);
    let byte_size = bytes.len() as i64;
    let sha256 = web::block(move || store::save(&dir, &bytes, kind))
        .await?
        .map_err(ApiError::storage)?;
    let row = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let row = queries::insert(
                    conn,
                    &sha256,
                    kind.content_type(),
                    byte_size,
                    &file_name,
                    staff.id,
                )?;
                audit::record(
                    conn,
                    &staff,
                    Entry {
                        action: "media.upload",
                        target_type: "media",
                        target_id: row.id.to_string(),
                        summary: &format!("{} ({} bytes)", row.file_name, row.byte_size),
                    },
                )?;
                Ok::<_, ApiError>(row)
            })
        })
        .await?;
    let response = MediaResponse::from(row);
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::LOCATION, response.url.clone()))
        .json(response))
}

/// Uploaded images, newest first.
#[utoipa::path(
    tag = "editorial",
    description = "Uploaded images, newest first, for editors and admins, with their address, \
        type, size and uploader.\n\n\
        Fails with 403 for a member; 422 when `page` or `per_page` is out of range.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(MediaListQuery),
    responses(
        (status = 200, description = "One page", body = MediaPage,
            headers(("X-Total-Count" = i64, description = "All uploads"), ("Link" = String, description = "Next and previous pages"))),
        Unauthenticated, Forbidden, ValidationFailed, Unavailable,
    ),
)]
#[get("/media")]
pub async fn list_media(
    state: web::Data<AppState>,
    req: HttpRequest,
    staff: Staff,
    query: web::Query<MediaListQuery>,
) -> Result<HttpResponse, ApiError> {
    let _ = staff;
    let page = Pagination::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let (items, total) = state
        .db
        .run(move |conn| Ok(queries::list(conn, page)?))
        .await?;
    Ok(paged_private(
        &req,
        page,
        total,
        MediaPage {
            items: items.into_iter().map(MediaResponse::from).collect(),
            page: page.page(),
            per_page: page.per_page(),
            total,
            total_pages: page.total_pages(total),
        },
    ))
}

/// Deletes an upload; the file goes too once no other upload shares its bytes.
#[utoipa::path(
    tag = "editorial",
    description = "Deletes an upload; the file goes too once no other upload shares its bytes. \
        Articles that still show it lose the image. An API token needs `media:write`.\n\n\
        Fails with 403 for a member, or a token without `media:write`; 404 when there is no such \
        upload.",
    security(("bearer_jwt" = []), ("api_token" = [])),
    params(("id" = i64, Path, description = "The upload's id")),
    responses(
        (status = 204, description = "Deleted"),
        BadRequest, Unauthenticated, Forbidden, NotFound, Unavailable,
    ),
)]
#[delete("/media/{id}")]
pub async fn delete_media(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    staff.require(Scope::MediaWrite)?;
    let id = id.into_inner();
    let (row, last): (MediaRow, bool) = state
        .db
        .run_writing(move |conn| {
            write_transaction(conn, |conn| {
                let row = queries::find(conn, id)?
                    .ok_or_else(|| ApiError::NotFound(format!("no upload has id {id}")))?;
                let last = queries::delete(conn, &row)?;
                audit::record(
                    conn,
                    &staff,
                    Entry {
                        action: "media.delete",
                        target_type: "media",
                        target_id: id.to_string(),
                        summary: &row.file_name,
                    },
                )?;
                Ok::<_, ApiError>((row, last))
            })
        })
        .await?;
    if last {
        let kind = ImageKind::sniff_content_type(&row.content_type);
        let dir = store::media_dir(&state.config.data_dir);
        let sha256 = row.sha256.clone();
        web::block(move || store::remove(&dir, &sha256, kind))
            .await?
            .map_err(ApiError::storage)?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// An uploaded image, by the name its upload answered with.
#[utoipa::path(
    tag = "media",
    description = "The bytes of an uploaded image with its type, cacheable for a year (the name is \
        its hash, so it never changes).\n\n\
        Fails with 404 when no upload has this name.",
    params(("name" = String, Path, description = "`<sha256>.<ext>`, as in an upload's `url`")),
    responses(
        (status = 200, description = "The image, cacheable for a year", content_type = "image/*"),
        NotFound,
    ),
)]
#[get("/media/{name}")]
pub async fn serve_media(
    state: web::Data<AppState>,
    req: HttpRequest,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let not_found = || ApiError::NotFound("no such file".into());
    let (sha256, kind) = store::parse_stored_name(&name).ok_or_else(not_found)?;
    let path = store::media_dir(&state.config.data_dir).join(store::stored_name(&sha256, kind));
    let file = NamedFile::open_async(&path)
        .await
        .map_err(|_| not_found())?;
    let mut response = file
        .set_content_type(kind.content_type().parse().map_err(ApiError::internal)?)
        .disable_content_disposition()
        .into_response(&req);
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

//! The files themselves: recognising an image from its first bytes, and writing it so that a
//! failed upload leaves nothing behind.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::hex::hex;

pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;

/// The image kinds accepted, by their magic numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
    Gif,
}

impl ImageKind {
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(ImageKind::Webp)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(ImageKind::Gif)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Webp => "webp",
            ImageKind::Gif => "gif",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Webp => "image/webp",
            ImageKind::Gif => "image/gif",
        }
    }

    /// The kind a stored row names (rows only ever hold the four types above).
    pub fn sniff_content_type(content_type: &str) -> ImageKind {
        match content_type {
            "image/jpeg" => ImageKind::Jpeg,
            "image/webp" => ImageKind::Webp,
            "image/gif" => ImageKind::Gif,
            _ => ImageKind::Png,
        }
    }

    pub fn from_extension(extension: &str) -> Option<ImageKind> {
        [
            ImageKind::Png,
            ImageKind::Jpeg,
            ImageKind::Webp,
            ImageKind::Gif,
        ]
        .into_iter()
        .find(|k| k.extension() == extension)
    }
}

pub fn media_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("media")
}

/// `<sha256>.<ext>`: the only names this store writes or serves.
pub fn stored_name(sha256: &str, kind: ImageKind) -> String {
    format!("{sha256}.{}", kind.extension())
}

/// Parses a served name back; anything else (`..`, slashes, other extensions) is not ours.
pub fn parse_stored_name(name: &str) -> Option<(String, ImageKind)> {
    let (hash, extension) = name.split_once('.')?;
    let valid_hash = hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    Some((hash.to_owned(), ImageKind::from_extension(extension)?)).filter(|_| valid_hash)
}

/// Writes the bytes under their hash (once: identical uploads share a file) through a temporary
/// file and a rename, so a reader never sees half a file and a failure leaves none. Returns the hash.
pub fn save(dir: &Path, bytes: &[u8], kind: ImageKind) -> std::io::Result<String> {
    let sha256 = hex(&Sha256::digest(bytes)[..]);
    std::fs::create_dir_all(dir)?;
    let target = dir.join(stored_name(&sha256, kind));
    if target.exists() {
        return Ok(sha256);
    }
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(sha256)
}

pub fn remove(dir: &Path, sha256: &str, kind: ImageKind) -> std::io::Result<()> {
    match std::fs::remove_file(dir.join(stored_name(sha256, kind))) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_their_bytes_not_their_names() {
        assert_eq!(
            ImageKind::sniff(b"\x89PNG\r\n\x1a\n rest"),
            Some(ImageKind::Png)
        );
        assert_eq!(
            ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(
            ImageKind::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(ImageKind::Webp)
        );
        assert_eq!(ImageKind::sniff(b"GIF89a..."), Some(ImageKind::Gif));
        assert_eq!(ImageKind::sniff(b"<html><script>"), None);
        assert_eq!(ImageKind::sniff(b""), None);
    }

    #[test]
    fn only_hash_names_are_served() {
        let hash = "a".repeat(64);
        assert!(parse_stored_name(&format!("{hash}.png")).is_some());
        assert!(parse_stored_name(&format!("{hash}.exe")).is_none());
        assert!(parse_stored_name("../kanwu.db").is_none());
        assert!(parse_stored_name(&format!("{}.png", "A".repeat(64))).is_none());
    }
}

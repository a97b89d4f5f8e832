//! The SPA's `dist` folder and its `index.html`, kept in memory for the server-rendered pages.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use actix_web::web;

use super::shell::Shell;
use crate::error::ApiError;

/// The SPA's `dist` folder, when one is configured, and its `index.html` as article pages need it.
pub struct WebDir {
    pub(super) dir: Option<PathBuf>,
    index: Mutex<Option<LoadedIndex>>,
}

/// `index.html` as last read, and how it looked on disk then.
struct LoadedIndex {
    shell: Arc<Shell>,
    modified: Option<SystemTime>,
    len: u64,
    checked_at: Instant,
}

/// How often the file's modification time is looked at: a deploy that replaces it shows within this.
const INDEX_RECHECK: Duration = Duration::from_secs(1);

impl WebDir {
    pub fn new(dir: Option<PathBuf>) -> Self {
        WebDir {
            dir,
            index: Mutex::new(None),
        }
    }

    /// The head of `index.html` without its title, for server-rendered pages; empty without a web
    /// folder (the pages then come without the SPA).
    pub async fn page_assets(&self) -> Result<Arc<str>, ApiError> {
        let Some(dir) = &self.dir else {
            return Ok(Arc::from(""));
        };
        let shell = self.index_shell(dir).await?;
        Ok(shell.assets())
    }

    /// `index.html`, read once and again only when its modification time or size changed (looked
    /// at once a second at most, off the async executor).
    pub(super) async fn index_shell(&self, dir: &Path) -> Result<Arc<Shell>, ApiError> {
        let known = {
            let loaded = self.index.lock().unwrap_or_else(|e| e.into_inner());
            match loaded.as_ref() {
                Some(l) if l.checked_at.elapsed() < INDEX_RECHECK => return Ok(l.shell.clone()),
                Some(l) => Some((l.modified, l.len, l.shell.clone())),
                None => None,
            }
        };
        let path = dir.join("index.html");
        let (modified, len, shell) = web::block(move || -> std::io::Result<_> {
            let metadata = std::fs::metadata(&path)?;
            let (modified, len) = (metadata.modified().ok(), metadata.len());
            match known {
                Some((m, l, shell)) if m == modified && l == len => Ok((modified, len, shell)),
                _ => {
                    let html = std::fs::read_to_string(&path)?;
                    Ok((modified, len, Arc::new(Shell::parse(&html))))
                }
            }
        })
        .await?
        .map_err(|e| ApiError::internal(anyhow::anyhow!("cannot read index.html: {e}")))?;
        *self.index.lock().unwrap_or_else(|e| e.into_inner()) = Some(LoadedIndex {
            shell: shell.clone(),
            modified,
            len,
            checked_at: Instant::now(),
        });
        Ok(shell)
    }
}

-- Editorial: who may read an article's body, an edit counter for If-Match, and the trash.
ALTER TABLE articles ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (visibility IN ('public', 'members', 'enterprise'));
ALTER TABLE articles ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN deleted_at TIMESTAMP;
CREATE INDEX articles_admin ON articles (status, updated_at DESC, id DESC);

-- The text an article had before each change of title, summary or body.
CREATE TABLE article_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    editor_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions (article_id, id DESC);

-- Every write by an editor or admin: who, what, to which thing, when.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    actor_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (created_at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id DESC);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id DESC);

-- API tokens for scripts, stored as SHA-256 hashes; scopes space-separated.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX api_tokens_member ON api_tokens (member_id, id);

-- Uploaded images, stored under the data folder by content hash.
CREATE TABLE media (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX media_hash ON media (sha256);
CREATE INDEX media_time ON media (created_at DESC, id DESC);

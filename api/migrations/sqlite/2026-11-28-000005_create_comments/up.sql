-- Comments under articles (发表评论 / 最新相关评论). Plain text, moderated.
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reply_to BIGINT REFERENCES comments (id) ON DELETE SET NULL,
    content TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
    -- Hash of the poster's address, for the per-address hourly cap (no addresses are kept).
    client_hash TEXT NOT NULL,
    edited BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX comments_article ON comments (article_id, status, created_at DESC, id DESC);
CREATE INDEX comments_member ON comments (member_id, created_at DESC);
CREATE INDEX comments_status ON comments (status, created_at DESC, id DESC);
CREATE INDEX comments_client ON comments (client_hash, created_at);

-- An article can close its comments.
ALTER TABLE articles ADD COLUMN comments_open BOOLEAN NOT NULL DEFAULT 1;

-- The admin-editable list of words that send a comment to moderation, one per line.
INSERT INTO settings (name, value) VALUES ('banned_words', '');

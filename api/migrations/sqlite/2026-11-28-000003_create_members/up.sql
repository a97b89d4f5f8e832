-- Members of both kinds in one table (like WordPress's users); the other kind's columns stay NULL.
CREATE TABLE members (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    username TEXT NOT NULL,
    -- NFKC + lower case: usernames are unique without regard to case.
    username_key TEXT NOT NULL UNIQUE,
    email TEXT,
    email_key TEXT UNIQUE,
    display_name TEXT NOT NULL,
    phone TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('personal', 'enterprise')),
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'editor', 'admin')),
    status TEXT NOT NULL CHECK (status IN ('active', 'pending', 'rejected', 'disabled')),
    password_hash TEXT NOT NULL,
    -- Bumped on password change, logout-all, disable and role change: older access tokens stop working.
    token_version INTEGER NOT NULL DEFAULT 0,
    real_name TEXT,
    organisation TEXT,
    position TEXT,
    company_name TEXT,
    credit_code TEXT,
    contact_person TEXT,
    contact_phone TEXT,
    address TEXT,
    website TEXT,
    industry TEXT,
    introduction TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX members_kind_status ON members (kind, status, id);

-- Every approval or rejection of an enterprise member: who, when, why.
CREATE TABLE member_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reviewer_id BIGINT NOT NULL REFERENCES members (id),
    decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX member_reviews_member ON member_reviews (member_id, id);

-- Refresh tokens, stored as SHA-256 hashes; rotated on use, a family revoked on reuse.
CREATE TABLE refresh_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    family TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
CREATE INDEX refresh_tokens_member ON refresh_tokens (member_id);

-- Captchas live in the database so any instance can check them; the answer only as a hash.
CREATE TABLE captchas (
    id TEXT PRIMARY KEY NOT NULL,
    answer_hash TEXT NOT NULL,
    client_hash TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX captchas_expiry ON captchas (expires_at);

-- Failed logins per account (not per address), for the lockout that holds across instances.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    username_key TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (username_key, failed_at);

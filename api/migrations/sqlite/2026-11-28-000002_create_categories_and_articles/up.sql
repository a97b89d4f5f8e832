CREATE TABLE categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    parent_id BIGINT REFERENCES categories (id) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX categories_parent ON categories (parent_id, sort_order, id);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    category_id BIGINT NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    title TEXT NOT NULL,
    subtitle TEXT,
    author TEXT NOT NULL DEFAULT '',
    author_note TEXT,
    source TEXT,
    summary TEXT NOT NULL DEFAULT '',
    body_markdown TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    cover_url TEXT,
    featured BOOLEAN NOT NULL DEFAULT 0,
    headline BOOLEAN NOT NULL DEFAULT 0,
    pinned BOOLEAN NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'published', 'archived')),
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    views BIGINT NOT NULL DEFAULT 0,
    comment_count BIGINT NOT NULL DEFAULT 0
);
-- The public list: published, by category, newest first, ties broken by id.
CREATE INDEX articles_category_published ON articles (category_id, status, published_at DESC, id DESC);
CREATE INDEX articles_published ON articles (status, published_at DESC, id DESC);

-- Views per article per day, for the "most viewed this week/month" rankings.
CREATE TABLE article_view_days (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    views BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, day)
);
CREATE INDEX article_view_days_day ON article_view_days (day, article_id);

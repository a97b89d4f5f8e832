-- Search terms of published articles (see api/src/search/terms.rs), written as tsvector literals so
-- no text search parser or locale touches them. `document` is title, summary and body with a gap
-- between them; `title` alone tells title hits apart.
CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    title TSVECTOR NOT NULL,
    document TSVECTOR NOT NULL
);
CREATE INDEX article_search_document ON article_search USING GIN (document);
CREATE INDEX article_search_title ON article_search USING GIN (title);
-- Which version of the terms the index holds; 0 = not built yet (filled at the next start).
CREATE TABLE search_index_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    terms_version INTEGER NOT NULL
);
INSERT INTO search_index_state (id, terms_version) VALUES (1, 0);

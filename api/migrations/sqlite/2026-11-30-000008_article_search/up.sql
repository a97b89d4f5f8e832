-- Search terms of published articles (see api/src/search/terms.rs): rowid is the article's id.
-- Contentless: the articles table holds the text; the index holds only terms and positions.
CREATE VIRTUAL TABLE article_search USING fts5(
    title, summary, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
-- Which version of the terms the index holds; 0 = not built yet (filled at the next start).
CREATE TABLE search_index_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    terms_version INTEGER NOT NULL
);
INSERT INTO search_index_state (id, terms_version) VALUES (1, 0);

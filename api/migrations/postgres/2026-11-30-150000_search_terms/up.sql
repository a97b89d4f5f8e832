-- Each indexed article's terms and pairs of consecutive terms (api/src/search/terms.rs,
-- `candidates_literal`), without positions, in a narrow table of its own. PostgreSQL's GIN index
-- answers a query of terms and pairs exactly, where a phrase over `article_search.document` (whose
-- index keeps no positions) has every article holding its terms anywhere read and decompressed; and
-- a narrow table, so that gathering tens of thousands of candidates reads few pages.
CREATE TABLE article_search_terms (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    terms TSVECTOR NOT NULL
);
CREATE INDEX article_search_terms_terms ON article_search_terms USING GIN (terms);

-- The candidates of a query, always from the index: PostgreSQL would otherwise walk the table
-- reading every row's `tsvector` when it guesses many rows match (0.8–1.2 s at 100,000 articles).
CREATE FUNCTION search_candidates(query TSQUERY) RETURNS SETOF BIGINT
    LANGUAGE sql STABLE SET enable_seqscan = off
    AS $$ SELECT article_id FROM article_search_terms WHERE terms @@ query $$;

-- Filled by the rebuild at the next start.
UPDATE search_index_state SET terms_version = 0;

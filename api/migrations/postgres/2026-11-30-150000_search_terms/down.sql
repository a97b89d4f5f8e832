DROP FUNCTION search_candidates(TSQUERY);
DROP TABLE article_search_terms;

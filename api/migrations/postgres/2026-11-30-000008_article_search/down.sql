DROP TABLE search_index_state;
DROP TABLE article_search;

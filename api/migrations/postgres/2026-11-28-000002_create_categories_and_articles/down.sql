DROP TABLE article_view_days;
DROP TABLE articles;
DROP TABLE categories;

DROP INDEX articles_trash;
DROP INDEX articles_category_published;
DROP INDEX articles_featured;
DROP INDEX articles_listing;
DROP INDEX articles_category_listing;
CREATE INDEX articles_category_listing ON articles (category_id, status, pinned DESC, published_at DESC, id DESC);
CREATE INDEX articles_listing ON articles (status, pinned DESC, published_at DESC, id DESC);
CREATE INDEX articles_category_published ON articles (category_id, status, published_at DESC, id DESC);
CREATE INDEX articles_published ON articles (status, published_at DESC, id DESC);

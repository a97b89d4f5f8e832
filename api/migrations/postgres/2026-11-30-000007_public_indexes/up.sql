-- Public reads filter on `deleted_at IS NULL` (the trash) besides status and time. Indexes without
-- that column made every public count read the table rows (a million 9 KB rows per category count on
-- SQLite); these partial indexes hold exactly the untrashed articles, so counts are index-only and
-- lists and neighbours are covered range scans.
DROP INDEX articles_category_listing;
DROP INDEX articles_listing;
DROP INDEX articles_category_published;
DROP INDEX articles_published;
CREATE INDEX articles_category_listing ON articles (category_id, status, pinned DESC, published_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX articles_listing ON articles (status, pinned DESC, published_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX articles_category_published ON articles (category_id, status, published_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX articles_published ON articles (status, published_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX articles_trash ON articles (deleted_at) WHERE deleted_at IS NOT NULL;

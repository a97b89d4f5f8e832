-- The sitemap lists every public article by id with its last change. Its reads (the id ranges that
-- hold public articles, then one range per sitemap file) are covered by this index, so they never
-- read a row: on SQLite the times sit behind the bodies in each row, and reaching them would read
-- every body of the range.
CREATE INDEX articles_sitemap ON articles (status, id, published_at, updated_at)
    WHERE deleted_at IS NULL;

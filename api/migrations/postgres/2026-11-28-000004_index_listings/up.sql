-- Lists put pinned articles first: index that order, per category and site-wide, so "latest N" is an
-- index range scan rather than a sort.
CREATE INDEX articles_category_listing ON articles (category_id, status, pinned DESC, published_at DESC, id DESC);
CREATE INDEX articles_listing ON articles (status, pinned DESC, published_at DESC, id DESC);

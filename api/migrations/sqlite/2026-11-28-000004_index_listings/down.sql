DROP INDEX articles_listing;
DROP INDEX articles_category_listing;

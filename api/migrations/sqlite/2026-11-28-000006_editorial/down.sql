DROP TABLE media;
DROP TABLE api_tokens;
DROP TABLE audit_log;
DROP TABLE article_revisions;
DROP INDEX articles_admin;
ALTER TABLE articles DROP COLUMN deleted_at;
ALTER TABLE articles DROP COLUMN version;
ALTER TABLE articles DROP COLUMN visibility;

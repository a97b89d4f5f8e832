DELETE FROM settings WHERE name = 'banned_words';
ALTER TABLE articles DROP COLUMN comments_open;
DROP TABLE comments;

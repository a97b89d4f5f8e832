DROP TABLE login_failures;
DROP TABLE captchas;
DROP TABLE refresh_tokens;
DROP TABLE member_reviews;
DROP TABLE members;

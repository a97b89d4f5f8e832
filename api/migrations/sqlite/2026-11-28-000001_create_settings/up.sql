-- Site-wide settings as name/value pairs (like WordPress's options), editable by admins later.
CREATE TABLE settings (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

INSERT INTO settings (name, value) VALUES
    ('site_name', '当代秘书'),
    ('site_description', '《当代秘书》杂志：秘书工作者的专业刊物与交流园地');

-- Qualities in one vocabulary: knowledge joins the built-in tags
-- (migrations/0010_knowledge_quality.sql).
INSERT INTO tags (name, builtin, created_at) VALUES ('knowledge', 1, '1970-01-01T00:00:00.000Z')
ON CONFLICT (name) DO UPDATE SET builtin = 1;

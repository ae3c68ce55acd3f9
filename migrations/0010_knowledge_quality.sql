-- Qualities in one vocabulary (seed 004's positive demeanor, clear head, listening and
-- empathy, plus responsiveness and knowledge): knowledge joins the built-in tags, so tags,
-- detect and report count the same six attributes.
INSERT INTO tags (name, builtin, created_at) VALUES ('knowledge', 1, '1970-01-01T00:00:00.000Z')
ON CONFLICT (name) DO UPDATE SET builtin = 1;

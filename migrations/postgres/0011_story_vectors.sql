-- "More like this" and capture suggestions compare stories by meaning
-- (migrations/0011_story_vectors.sql). A vector is 512 signed bytes: bytea for SQLite's BLOB.
CREATE TABLE story_vectors (
  story_id BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  version  INTEGER NOT NULL,
  vector   BYTEA NOT NULL
);

-- An edited (or anonymised) story is embedded again from its new text.
CREATE FUNCTION story_vectors_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM story_vectors WHERE story_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER story_vectors_stale AFTER UPDATE OF text ON stories FOR EACH ROW EXECUTE FUNCTION story_vectors_stale();

-- A practice's own words (name and description) are evidence of what it means too;
-- the text is kept to see when a rename or new description needs a new vector.
CREATE TABLE practice_vectors (
  practice_id BIGINT PRIMARY KEY REFERENCES practices(id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  text        TEXT COLLATE "C" NOT NULL,
  vector      BYTEA NOT NULL
);

-- Stories a person said do not show a practice: never suggested for it again, and
-- used as counter-examples when ranking the rest.
CREATE TABLE suggestion_rejections (
  practice_id BIGINT NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  story_id    BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  rejected_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (practice_id, story_id)
);
CREATE INDEX suggestion_rejections_story ON suggestion_rejections(story_id);

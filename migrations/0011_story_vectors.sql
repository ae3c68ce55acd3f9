-- "More like this" and capture suggestions compare stories by meaning. Each story is
-- embedded once by a sentence encoder (in a worker, never while a story is being added)
-- and kept as 512 signed bytes: cosine similarity ignores the scale, so none is stored.
CREATE TABLE story_vectors (
  story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  version  INTEGER NOT NULL,
  vector   BLOB NOT NULL
);

-- An edited (or anonymised) story is embedded again from its new text.
CREATE TRIGGER story_vectors_stale AFTER UPDATE OF text ON stories
BEGIN
  DELETE FROM story_vectors WHERE story_id = NEW.id;
END;

-- A practice's own words (name and description) are evidence of what it means too;
-- the text is kept to see when a rename or new description needs a new vector.
CREATE TABLE practice_vectors (
  practice_id INTEGER PRIMARY KEY REFERENCES practices(id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  text        TEXT NOT NULL,
  vector      BLOB NOT NULL
);

-- Stories a person said do not show a practice: never suggested for it again, and
-- used as counter-examples when ranking the rest.
CREATE TABLE suggestion_rejections (
  practice_id INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  story_id    INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  rejected_at TEXT NOT NULL,
  PRIMARY KEY (practice_id, story_id)
) WITHOUT ROWID;
CREATE INDEX suggestion_rejections_story ON suggestion_rejections(story_id);

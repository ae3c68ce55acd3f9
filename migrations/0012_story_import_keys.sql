-- Stories imported from form and spreadsheet exports, by content key (their words, day
-- and people): importing the same export again adds nothing. A key outlives its story,
-- so a story removed here is not brought back by the next import of the same file.
CREATE TABLE story_import_keys (
  key         TEXT PRIMARY KEY,
  story_id    INTEGER REFERENCES stories(id) ON DELETE SET NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX story_import_keys_story ON story_import_keys(story_id);

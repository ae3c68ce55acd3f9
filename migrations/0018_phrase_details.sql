-- One phrase may serve two practices when its details differ. A phrase's details are the
-- qualifier read after it in the story (src/core/qualifiers.ts: timing, persistence,
-- manner, purpose, interim, anticipation): "called him back the next morning" is
-- "call back" with timing. A phrase matcher may ask for one qualifier ('' asks for none,
-- so it matches the phrase however it was qualified); a tag matcher never has one.
ALTER TABLE story_phrases ADD COLUMN qualifiers TEXT NOT NULL DEFAULT '';  -- the kinds, space-separated

-- The same phrase with another qualifier is another matcher (UNIQUE cannot be changed in
-- place). '' rather than NULL: UNIQUE treats NULLs as distinct.
CREATE TABLE practice_matchers_0018 (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('tag', 'phrase')),
  value       TEXT NOT NULL,
  qualifier   TEXT NOT NULL DEFAULT ''
              CHECK (qualifier = '' OR (kind = 'phrase' AND qualifier IN ('timing', 'persistence', 'manner', 'purpose', 'interim', 'anticipation'))),
  created_at  TEXT,
  UNIQUE (kind, value, qualifier)
);
INSERT INTO practice_matchers_0018 (id, practice_id, kind, value, created_at)
  SELECT id, practice_id, kind, value, created_at FROM practice_matchers;
DROP TABLE practice_matchers;
ALTER TABLE practice_matchers_0018 RENAME TO practice_matchers;
CREATE INDEX practice_matchers_practice ON practice_matchers(practice_id);

-- A removed matcher's tombstone names it by its unique key, which now ends in the qualifier.
UPDATE tombstones SET key = json_insert(key, '$[#]', '')
 WHERE table_name = 'practice_matchers' AND json_valid(key) AND json_array_length(key) = 2;

-- Every story is indexed again, now with its phrases' qualifiers.
DELETE FROM story_phrase_index;

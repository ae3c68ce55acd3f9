-- One phrase may serve two practices when its details differ
-- (migrations/0018_phrase_details.sql): story_phrases.qualifiers holds the qualifier kinds
-- read after each phrase, and a phrase matcher may ask for one.
ALTER TABLE story_phrases ADD COLUMN qualifiers TEXT COLLATE "C" NOT NULL DEFAULT '';

-- SQLite rebuilds practice_matchers to change its UNIQUE key; PostgreSQL changes it in
-- place. The new column goes before created_at, as in SQLite's rebuilt table, by moving
-- created_at after it.
ALTER TABLE practice_matchers ADD COLUMN qualifier TEXT COLLATE "C" NOT NULL DEFAULT ''
  CHECK (qualifier = '' OR (kind = 'phrase' AND qualifier IN ('timing', 'persistence', 'manner', 'purpose', 'interim', 'anticipation')));
ALTER TABLE practice_matchers RENAME COLUMN created_at TO created_at_0018;
ALTER TABLE practice_matchers ADD COLUMN created_at TEXT COLLATE "C";
UPDATE practice_matchers SET created_at = created_at_0018;
ALTER TABLE practice_matchers DROP COLUMN created_at_0018;
ALTER TABLE practice_matchers DROP CONSTRAINT practice_matchers_kind_value_key;
ALTER TABLE practice_matchers ADD UNIQUE (kind, value, qualifier);

-- A removed matcher's tombstone names it by its unique key, which now ends in the
-- qualifier: '["phrase","call back"]' becomes '["phrase","call back",""]', written
-- compactly as SQLite writes JSON. Keys that are not a JSON array of two are left alone.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT key FROM tombstones WHERE table_name = 'practice_matchers' LOOP
    BEGIN
      IF json_typeof(t.key::json) = 'array' AND json_array_length(t.key::json) = 2 AND right(t.key, 1) = ']' THEN
        UPDATE tombstones SET key = left(t.key, length(t.key) - 1) || ',""]'
         WHERE table_name = 'practice_matchers' AND key = t.key;
      END IF;
    EXCEPTION WHEN invalid_text_representation THEN
      NULL; -- not JSON: left as it is, as SQLite's json_valid leaves it
    END;
  END LOOP;
END $$;

-- Every story is indexed again, now with its phrases' qualifiers.
DELETE FROM story_phrase_index;

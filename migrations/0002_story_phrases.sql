-- Behaviour phrases and perceived qualities extracted from each story's text, so that
-- detection is an aggregate query, not a re-parse. Filled lazily by the commands that
-- read phrases (detect, reindex …), never by story add: the NLP model is slow to load.

CREATE TABLE story_phrases (
  story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('practice', 'step', 'quality')),
  key        TEXT NOT NULL,                 -- the action ("call back"), or the attribute of a quality
  detail     TEXT,                          -- the object ("customer"), or the quality word ("friendly")
  span_start INTEGER NOT NULL,              -- character span in stories.text, for highlighting
  span_end   INTEGER NOT NULL
);
CREATE INDEX story_phrases_story ON story_phrases(story_id);
CREATE INDEX story_phrases_key ON story_phrases(kind, key, story_id);

-- Which extractor version indexed each story; a story without a row (new, or its text
-- edited) is indexed again by the next command that reads phrases.
CREATE TABLE story_phrase_index (
  story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  version  INTEGER NOT NULL
);

CREATE TRIGGER story_phrases_stale AFTER UPDATE OF text ON stories BEGIN
  DELETE FROM story_phrases WHERE story_id = new.id;
  DELETE FROM story_phrase_index WHERE story_id = new.id;
END;

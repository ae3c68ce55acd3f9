-- Behaviour phrases and perceived qualities extracted from each story's text, so that
-- detection is an aggregate query, not a re-parse. Filled lazily by the commands that
-- read phrases (detect, reindex …), never by story add: the NLP model is slow to load.

CREATE TABLE story_phrases (
  story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('practice', 'step', 'quality')),
  key        TEXT NOT NULL,                 -- the action ("call back"), or the attribute of a quality
  detail     TEXT,                          -- the object ("customer"), or the quality word ("friendly")
  span_start INTEGER NOT NULL,              -- character span in stories.text, for highlighting
  span_end   INTEGER NOT NULL,
  occurred_on TEXT NOT NULL,                -- the story's date, copied so detection never joins stories
  PRIMARY KEY (story_id, kind, span_start, key)
) WITHOUT ROWID;
-- Detection counts stories, people and details per key over a period: one covering
-- index range per kind (3x faster than joining stories for the date at 10,000 stories).
CREATE INDEX story_phrases_key ON story_phrases(kind, key, story_id, occurred_on, detail);

-- Which extractor version indexed each story; a story without a row (new, or its text
-- edited) is indexed again by the next command that reads phrases.
CREATE TABLE story_phrase_index (
  story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  version  INTEGER NOT NULL
);

CREATE TRIGGER story_phrases_date AFTER UPDATE OF occurred_on ON stories BEGIN
  UPDATE story_phrases SET occurred_on = new.occurred_on WHERE story_id = new.id;
END;

CREATE TRIGGER story_phrases_stale AFTER UPDATE OF text ON stories BEGIN
  DELETE FROM story_phrases WHERE story_id = new.id;
  DELETE FROM story_phrase_index WHERE story_id = new.id;
END;

-- Behaviour phrases and perceived qualities extracted from each story's text, so that
-- detection is an aggregate query, not a re-parse (migrations/0002_story_phrases.sql).

CREATE TABLE story_phrases (
  story_id    BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  kind        TEXT COLLATE "C" NOT NULL CHECK (kind IN ('practice', 'step', 'quality')),
  key         TEXT COLLATE "C" NOT NULL,    -- the action ("call back"), or the attribute of a quality
  detail      TEXT COLLATE "C",             -- the object ("customer"), or the quality word ("friendly")
  span_start  INTEGER NOT NULL,             -- character span in stories.text, for highlighting
  span_end    INTEGER NOT NULL,
  occurred_on TEXT COLLATE "C" NOT NULL,    -- the story's date, copied so detection never joins stories
  PRIMARY KEY (story_id, kind, span_start, key)
);
-- Detection counts stories, people and details per key over a period: one covering
-- index range per kind.
CREATE INDEX story_phrases_key ON story_phrases(kind, key, story_id, occurred_on, detail);

-- Which extractor version indexed each story; a story without a row (new, or its text
-- edited) is indexed again by the next command that reads phrases.
CREATE TABLE story_phrase_index (
  story_id BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  version  INTEGER NOT NULL
);

-- SQLite's two triggers, as one function each. Like SQLite's UPDATE OF, they fire when
-- the column is set, whether or not its value changed.
CREATE FUNCTION story_phrases_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE story_phrases SET occurred_on = NEW.occurred_on WHERE story_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER story_phrases_date AFTER UPDATE OF occurred_on ON stories FOR EACH ROW EXECUTE FUNCTION story_phrases_date();

CREATE FUNCTION story_phrases_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM story_phrases WHERE story_id = NEW.id;
  DELETE FROM story_phrase_index WHERE story_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER story_phrases_stale AFTER UPDATE OF text ON stories FOR EACH ROW EXECUTE FUNCTION story_phrases_stale();

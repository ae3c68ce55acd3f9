-- What customers confirmed, and the figures a team keeps on the outcomes of its practices.

-- An interview answer that confirms a practice ("someone always calls back the same day"):
-- linked by the extraction that links stories (how = 'matched') or by hand ('manual').
CREATE TABLE interview_practices (
  interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  practice_id  INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  how          TEXT NOT NULL CHECK (how IN ('matched', 'manual')),
  created_at   TEXT NOT NULL,
  PRIMARY KEY (interview_id, practice_id)
) WITHOUT ROWID;
CREATE INDEX interview_practices_practice ON interview_practices(practice_id, interview_id);
-- What that answer is matched to practices by, read once when the call is logged:
-- {"phrases": [...], "tags": [...]}, so a practice added later is linked as stories are.
ALTER TABLE interviews ADD COLUMN answer_keys TEXT;

-- Outcome signals: one figure (a response time, a satisfaction score) measured on a day,
-- about one practice or one story, never about a customer. The uuid is derived from the
-- day, measure and subject, so the same figure imported into two databases is one row.
CREATE TABLE signals (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  measured_on TEXT NOT NULL,
  measure     TEXT NOT NULL,
  value       REAL NOT NULL,
  practice_id INTEGER REFERENCES practices(id) ON DELETE CASCADE,
  story_id    INTEGER REFERENCES stories(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK ((practice_id IS NULL) <> (story_id IS NULL))
);
CREATE INDEX signals_practice ON signals(practice_id, measured_on) WHERE practice_id IS NOT NULL;
CREATE INDEX signals_story ON signals(story_id) WHERE story_id IS NOT NULL;

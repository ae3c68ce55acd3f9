-- The team's rhythm: stories imported from forms, and training sessions planned ahead.

-- Stories imported from form and spreadsheet exports, by content key (their words, day
-- and people): importing the same export again adds nothing. A key outlives its story,
-- so a story removed here is not brought back by the next import of the same file.
CREATE TABLE story_import_keys (
  key         TEXT PRIMARY KEY,
  story_id    INTEGER REFERENCES stories(id) ON DELETE SET NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX story_import_keys_story ON story_import_keys(story_id);

-- Training sessions planned ahead (svc train schedule), for the team's calendar; a
-- session held is recorded in trainings (svc train log).
CREATE TABLE training_sessions (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  practice_id    INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  planned_on     TEXT NOT NULL,
  starts_at      TEXT,                    -- HH:MM local time; NULL for a day without a set time
  minutes        INTEGER CHECK (minutes > 0),
  facilitator_id INTEGER REFERENCES people(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX training_sessions_planned_on ON training_sessions(planned_on);

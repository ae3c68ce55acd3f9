-- The whole loop's schema: collect, detect, train, incorporate, monitor, listen.
-- Dates of events are ISO dates (YYYY-MM-DD); record times are ISO timestamps (UTC).
-- Every entity has a UUID so exports from several people merge without collisions.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE people (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL UNIQUE,          -- lower-cased, trimmed name: "alice " is Alice
  role       TEXT,
  team       TEXT,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE customers (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  name              TEXT,                   -- NULL once forgotten
  name_key          TEXT,
  kind              TEXT NOT NULL DEFAULT 'external' CHECK (kind IN ('external', 'internal')),
  email             TEXT,
  phone             TEXT,
  segment           TEXT,
  external_id       TEXT,
  forgotten_at      TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX customers_name_key ON customers(name_key);
CREATE UNIQUE INDEX customers_external_id ON customers(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customers_email ON customers(email) WHERE email IS NOT NULL;

CREATE TABLE interviews (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  interviewer_id INTEGER REFERENCES people(id),
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'declined')),
  planned_on     TEXT NOT NULL,
  held_on        TEXT,
  learned        TEXT,                      -- How did you learn about us?
  liked          TEXT,                      -- What do you like or enjoy most about the service?
  change         TEXT,                      -- If you could change one thing, what would it be?
  note           TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX interviews_customer ON interviews(customer_id, status);
CREATE INDEX interviews_status ON interviews(status, held_on);

CREATE TABLE stories (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  title         TEXT,
  text          TEXT NOT NULL,
  occurred_on   TEXT NOT NULL,
  customer_id   INTEGER REFERENCES customers(id) ON DELETE SET NULL,
  customer_kind TEXT NOT NULL DEFAULT 'external' CHECK (customer_kind IN ('external', 'internal')),
  channel       TEXT CHECK (channel IN ('phone', 'email', 'in-person', 'chat', 'social', 'other')),
  source        TEXT CHECK (source IN ('observed', 'compliment', 'interview', 'self')),
  trigger       TEXT CHECK (trigger IN ('recovery', 'request', 'spontaneous')),
  impact        TEXT,
  reported_by   INTEGER REFERENCES people(id),
  interview_id  INTEGER REFERENCES interviews(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
-- Reports read recent weeks: a covering index on the date keeps them cheap.
CREATE INDEX stories_occurred ON stories(occurred_on, id);
CREATE INDEX stories_customer ON stories(customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE story_people (
  story_id  INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id),
  PRIMARY KEY (story_id, person_id)
) WITHOUT ROWID;
CREATE INDEX story_people_person ON story_people(person_id, story_id);

CREATE TABLE tags (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,           -- normalised: lower-case, hyphens, no '#'
  builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at TEXT NOT NULL
);

CREATE TABLE story_tags (
  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  tag_id   INTEGER NOT NULL REFERENCES tags(id),
  PRIMARY KEY (story_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX story_tags_tag ON story_tags(tag_id, story_id);

-- Full-text index over what a story says; kept in step by triggers.
CREATE VIRTUAL TABLE stories_fts USING fts5(
  title, text, impact,
  content = 'stories', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
  INSERT INTO stories_fts(rowid, title, text, impact) VALUES (new.id, new.title, new.text, new.impact);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
  INSERT INTO stories_fts(stories_fts, rowid, title, text, impact) VALUES ('delete', old.id, old.title, old.text, old.impact);
END;
CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, text, impact ON stories BEGIN
  INSERT INTO stories_fts(stories_fts, rowid, title, text, impact) VALUES ('delete', old.id, old.title, old.text, old.impact);
  INSERT INTO stories_fts(rowid, title, text, impact) VALUES (new.id, new.title, new.text, new.impact);
END;

CREATE TABLE practices (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  name              TEXT NOT NULL,
  name_key          TEXT NOT NULL UNIQUE,
  description       TEXT,
  status            TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'adopted', 'standard', 'retired')),
  status_changed_at TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);

CREATE TABLE practice_status_changes (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  from_status TEXT,
  to_status   TEXT NOT NULL,
  changed_at  TEXT NOT NULL,
  note        TEXT
);
CREATE INDEX practice_status_changes_practice ON practice_status_changes(practice_id, changed_at);

-- A matcher links new stories to a practice automatically: a tag name or a phrase key.
CREATE TABLE practice_matchers (
  id          INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('tag', 'phrase')),
  value       TEXT NOT NULL,
  UNIQUE (kind, value)
);
CREATE INDEX practice_matchers_practice ON practice_matchers(practice_id);

CREATE TABLE evidence (
  practice_id INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  story_id    INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  how         TEXT NOT NULL CHECK (how IN ('matched', 'manual')),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (practice_id, story_id)
) WITHOUT ROWID;
CREATE INDEX evidence_story ON evidence(story_id, practice_id);

-- Detection candidates the team said no to: never suggested again.
CREATE TABLE rejected_candidates (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  rejected_at TEXT NOT NULL
);

CREATE TABLE trainings (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  practice_id    INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  held_on        TEXT NOT NULL,
  facilitator_id INTEGER REFERENCES people(id),
  notes          TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX trainings_practice ON trainings(practice_id, held_on);

CREATE TABLE training_attendees (
  training_id INTEGER NOT NULL REFERENCES trainings(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  PRIMARY KEY (training_id, person_id)
) WITHOUT ROWID;
CREATE INDEX training_attendees_person ON training_attendees(person_id, training_id);

CREATE TABLE procedures (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  practice_id       INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  version           INTEGER NOT NULL,
  body              TEXT NOT NULL,
  review_every_days INTEGER NOT NULL DEFAULT 90 CHECK (review_every_days > 0),
  created_at        TEXT NOT NULL,
  UNIQUE (practice_id, version)
);

-- The evidence stories a procedure version was written from.
CREATE TABLE procedure_sources (
  procedure_id INTEGER NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  story_id     INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  PRIMARY KEY (procedure_id, story_id)
) WITHOUT ROWID;

CREATE TABLE meetings (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  held_on    TEXT NOT NULL,
  notes      TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX meetings_held_on ON meetings(held_on);

-- The default taxonomy: seed-004 attributes and the five SERVQUAL dimensions.
INSERT INTO tags (name, builtin, created_at) VALUES
  ('positive-demeanor', 1, '1970-01-01T00:00:00.000Z'),
  ('clear-head',        1, '1970-01-01T00:00:00.000Z'),
  ('listening',         1, '1970-01-01T00:00:00.000Z'),
  ('empathy',           1, '1970-01-01T00:00:00.000Z'),
  ('reliability',       1, '1970-01-01T00:00:00.000Z'),
  ('assurance',         1, '1970-01-01T00:00:00.000Z'),
  ('tangibles',         1, '1970-01-01T00:00:00.000Z'),
  ('responsiveness',    1, '1970-01-01T00:00:00.000Z');

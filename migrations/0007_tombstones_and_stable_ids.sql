-- Deletions travel between exports, and ids that users see are never given out again.
--
-- A tombstone remembers a row that was deleted (or merged into another): the table, the
-- row's key as exports carry it (its uuid; a tag's name), when, and the row it was merged
-- into, if any. An import applies the newer of a tombstone and a row (README, export format).
CREATE TABLE tombstones (
  table_name  TEXT NOT NULL,
  key         TEXT NOT NULL,
  deleted_at  TEXT NOT NULL,
  merged_into TEXT,                          -- the surviving row's key, for merges
  PRIMARY KEY (table_name, key)
) WITHOUT ROWID;

-- Without AUTOINCREMENT SQLite hands out max(id) + 1, so deleting the newest story gave
-- its number to the next one. Each table whose ids people see is rebuilt with
-- AUTOINCREMENT, keeping every id (the runner turns foreign keys off around migrations,
-- as SQLite's table-rebuild procedure requires, and checks them before committing).

CREATE TABLE people_rebuilt (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL UNIQUE,
  role       TEXT,
  team       TEXT,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO people_rebuilt SELECT * FROM people;
DROP TABLE people;
ALTER TABLE people_rebuilt RENAME TO people;

CREATE TABLE customers_rebuilt (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid              TEXT NOT NULL UNIQUE,
  name              TEXT,
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
INSERT INTO customers_rebuilt SELECT * FROM customers;
DROP TABLE customers;
ALTER TABLE customers_rebuilt RENAME TO customers;
CREATE INDEX customers_name_key ON customers(name_key);
CREATE UNIQUE INDEX customers_external_id ON customers(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customers_email ON customers(email) WHERE email IS NOT NULL;

CREATE TABLE interviews_rebuilt (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid           TEXT NOT NULL UNIQUE,
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  interviewer_id INTEGER REFERENCES people(id),
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'declined')),
  planned_on     TEXT NOT NULL,
  held_on        TEXT,
  learned        TEXT,
  liked          TEXT,
  change         TEXT,
  note           TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
INSERT INTO interviews_rebuilt SELECT * FROM interviews;
DROP TABLE interviews;
ALTER TABLE interviews_rebuilt RENAME TO interviews;
CREATE INDEX interviews_customer ON interviews(customer_id, status);
CREATE INDEX interviews_status ON interviews(status, held_on);

CREATE TABLE stories_rebuilt (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO stories_rebuilt SELECT * FROM stories;
DROP TABLE stories;
ALTER TABLE stories_rebuilt RENAME TO stories;
CREATE INDEX stories_occurred ON stories(occurred_on, id);
CREATE INDEX stories_customer ON stories(customer_id) WHERE customer_id IS NOT NULL;
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
CREATE TRIGGER story_phrases_date AFTER UPDATE OF occurred_on ON stories BEGIN
  UPDATE story_phrases SET occurred_on = new.occurred_on WHERE story_id = new.id;
END;
CREATE TRIGGER story_phrases_stale AFTER UPDATE OF text ON stories BEGIN
  DELETE FROM story_phrases WHERE story_id = new.id;
  DELETE FROM story_phrase_index WHERE story_id = new.id;
END;

CREATE TABLE practices_rebuilt (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid              TEXT NOT NULL UNIQUE,
  name              TEXT NOT NULL,
  name_key          TEXT NOT NULL UNIQUE,
  description       TEXT,
  status            TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'adopted', 'standard', 'retired')),
  status_changed_at TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
INSERT INTO practices_rebuilt SELECT * FROM practices;
DROP TABLE practices;
ALTER TABLE practices_rebuilt RENAME TO practices;

CREATE TABLE trainings_rebuilt (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid           TEXT NOT NULL UNIQUE,
  practice_id    INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  held_on        TEXT NOT NULL,
  facilitator_id INTEGER REFERENCES people(id),
  notes          TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
INSERT INTO trainings_rebuilt SELECT * FROM trainings;
DROP TABLE trainings;
ALTER TABLE trainings_rebuilt RENAME TO trainings;
CREATE INDEX trainings_practice ON trainings(practice_id, held_on);

CREATE TABLE meetings_rebuilt (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  held_on    TEXT NOT NULL,
  notes      TEXT,
  created_at TEXT NOT NULL
);
INSERT INTO meetings_rebuilt SELECT * FROM meetings;
DROP TABLE meetings;
ALTER TABLE meetings_rebuilt RENAME TO meetings;
CREATE INDEX meetings_held_on ON meetings(held_on);

CREATE TABLE rejected_candidates_rebuilt (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  key         TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  rejected_at TEXT NOT NULL
);
INSERT INTO rejected_candidates_rebuilt SELECT * FROM rejected_candidates;
DROP TABLE rejected_candidates;
ALTER TABLE rejected_candidates_rebuilt RENAME TO rejected_candidates;

-- When a matcher was added, so that a matcher removed in one database and added again in
-- another is decided by the newer change (NULL for those added before: the oldest).
ALTER TABLE practice_matchers ADD COLUMN created_at TEXT;

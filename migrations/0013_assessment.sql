-- The team's self-assessment (seed 002's questions, seed 004's attributes): questions,
-- rounds, and answers kept so that nobody's answers can be read back unless the team
-- chose attributed answers (assess.attributed).

-- Questions are versioned: retiring one keeps its past answers; adding a retired key
-- again starts its next version. Built-in questions carry fixed uuids, so two databases
-- that merge by export agree on them.
CREATE TABLE assessment_questions (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  key        TEXT NOT NULL,                -- short handle used by --answer KEY=SCORE
  version    INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
  text       TEXT NOT NULL,
  attribute  TEXT,                         -- the quality attribute it asks about, if any
  built_in   INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
  retired_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (key, version)
);
CREATE UNIQUE INDEX assessment_questions_open_key ON assessment_questions(key) WHERE retired_at IS NULL;

INSERT INTO assessment_questions (uuid, key, text, attribute, built_in, created_at, updated_at) VALUES
  ('5e1f0a13-0002-4a01-8000-000000000001', 'returns-calls', 'We promptly return phone calls and emails, even with a short acknowledgement.', 'responsiveness', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('5e1f0a13-0002-4a01-8000-000000000002', 'customer-wants', 'We give customers what they want, not what is comfortable for us.', NULL, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('5e1f0a13-0002-4a01-8000-000000000003', 'internal-first', 'We put our internal customers (colleagues we serve) first.', NULL, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('5e1f0a13-0002-4a01-8000-000000000004', 'correspondence', 'We handle correspondence properly: answered, clear, and filed.', NULL, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('5e1f0a13-0004-4a01-8000-000000000005', 'positive-demeanor', 'We keep a positive demeanour with every customer, whatever the day brings.', 'positive demeanor', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('5e1f0a13-0004-4a01-8000-000000000006', 'clear-head', 'We keep a clear head when a call or a customer gets difficult.', 'clear head', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('5e1f0a13-0004-4a01-8000-000000000007', 'listening', 'We listen until we understand what the customer needs before we answer.', 'listening', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('5e1f0a13-0004-4a01-8000-000000000008', 'empathy', 'We show customers we understand how their situation feels to them.', 'empathy', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

-- A round: one check-in window of assess.interval_days days.
CREATE TABLE assessment_rounds (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  opened_on  TEXT NOT NULL UNIQUE,
  closes_on  TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Who took part in a round (to answer once, and for "4 of 7 answered"), never what they said.
CREATE TABLE assessment_takers (
  round_id  INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (round_id, person_id)
) WITHOUT ROWID;

-- Anonymous answers as counts per score: no row holds one person's answers, and no
-- insertion order (these tables have no rowid) ties a count or a note to a taker.
CREATE TABLE assessment_tallies (
  round_id    INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES assessment_questions(id) ON DELETE CASCADE,
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  answers     INTEGER NOT NULL CHECK (answers > 0),
  PRIMARY KEY (round_id, question_id, score)
) WITHOUT ROWID;

CREATE TABLE assessment_notes (
  round_id    INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES assessment_questions(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,               -- random, so the order of notes says nothing
  note        TEXT NOT NULL,
  PRIMARY KEY (round_id, question_id, key)
) WITHOUT ROWID;

-- Each person's own answers, kept only while the team has chosen attributed answers.
CREATE TABLE assessment_answers (
  round_id    INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES assessment_questions(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  note        TEXT,
  PRIMARY KEY (round_id, question_id, person_id)
) WITHOUT ROWID;

-- Actions: what the team decided to change, most often from a customer's "would change"
-- answer, with an owner and a due day, followed on the report's agenda until done.
CREATE TABLE actions (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  text       TEXT NOT NULL,
  owner_id   INTEGER REFERENCES people(id),
  due_on     TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_on    TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX actions_open ON actions(status, due_on);

-- The interviews whose answers an action came from.
CREATE TABLE action_sources (
  action_id    INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  PRIMARY KEY (action_id, interview_id)
) WITHOUT ROWID;

-- Teams as a grouping of people, and training as a programme: assignments with a due
-- date, and acknowledgements that a person read a procedure version.

-- A team may belong to a parent team (the store refuses a cycle). people.team keeps the
-- team's name as written here. The parent is named by its name_key, not a foreign key: a
-- table referring to itself could not be exported parents first.
CREATE TABLE teams (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL UNIQUE,
  parent_key TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Teams people already had (set by an import) become rows, one per name whatever its case.
INSERT INTO teams (uuid, name, name_key, created_at, updated_at)
  SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
         name, key, now, now
    FROM (SELECT min(trim(team)) AS name, lower(trim(team)) AS key, hex(randomblob(16)) AS h,
                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now
            FROM people WHERE team IS NOT NULL AND trim(team) <> '' GROUP BY lower(trim(team)));
UPDATE people SET team = (SELECT t.name FROM teams t WHERE t.name_key = lower(trim(people.team)))
 WHERE team IS NOT NULL AND trim(team) <> '';
UPDATE people SET team = NULL WHERE team IS NOT NULL AND trim(team) = '';

-- A leader serves the people who serve the customers (seed 003).
ALTER TABLE people ADD COLUMN leader INTEGER NOT NULL DEFAULT 0 CHECK (leader IN (0, 1));

-- Who is to be trained on a practice by when; closed by the training that covers them.
CREATE TABLE training_assignments (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  practice_id INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  due_on      TEXT NOT NULL,
  training_id INTEGER REFERENCES trainings(id) ON DELETE SET NULL,
  done_on     TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX training_assignments_person ON training_assignments(person_id, practice_id);
CREATE INDEX training_assignments_open ON training_assignments(due_on) WHERE done_on IS NULL;

-- A person read this version of a procedure; a new version asks again.
CREATE TABLE procedure_acks (
  procedure_id INTEGER NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  person_id    INTEGER NOT NULL REFERENCES people(id),
  acked_at     TEXT NOT NULL,
  PRIMARY KEY (procedure_id, person_id)
) WITHOUT ROWID;
CREATE INDEX procedure_acks_person ON procedure_acks(person_id);

-- A review that keeps a version unchanged: the next review counts from it, and no new
-- version is written (svc practice review --confirm).
ALTER TABLE procedures ADD COLUMN reviewed_at TEXT;

-- An internal customer is a colleague: the person served, so the chain shows who serves
-- whom. Rows already there are linked by exact name (case-insensitive); the rest wait
-- for `svc chain link`.
ALTER TABLE customers ADD COLUMN person_id INTEGER REFERENCES people(id);
CREATE INDEX customers_person ON customers(person_id) WHERE person_id IS NOT NULL;
UPDATE customers SET person_id = (SELECT p.id FROM people p WHERE p.name_key = customers.name_key)
 WHERE kind = 'internal' AND name_key IS NOT NULL AND forgotten_at IS NULL;

-- A pairing to move a star's practice to a colleague (svc people succession --pair):
-- the star's share of it is followed from then on.
CREATE TABLE succession_pairs (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  practice_id INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  star_id     INTEGER NOT NULL REFERENCES people(id),
  learner_id  INTEGER NOT NULL REFERENCES people(id),
  paired_on   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (practice_id, star_id, learner_id)
);

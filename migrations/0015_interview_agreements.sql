-- An invited customer who agrees to a call gives a day, a time and a number (or other
-- contact) to call them on; one who never answers is "no reply", apart from one who said no.
-- The status check gains 'no_reply', so the table is rebuilt (the runner turns foreign keys
-- off around migrations and checks them before committing).
CREATE TABLE interviews_rebuilt (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid           TEXT NOT NULL UNIQUE,
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  interviewer_id INTEGER REFERENCES people(id),
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'declined', 'no_reply')),
  planned_on     TEXT NOT NULL,
  held_on        TEXT,
  learned        TEXT,
  liked          TEXT,
  change         TEXT,
  note           TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  agreed_on      TEXT,                       -- the day the customer agreed to be called
  agreed_time    TEXT,                       -- HH:MM, local
  contact        TEXT                        -- the number or other contact they gave; erased by customer forget
);
INSERT INTO interviews_rebuilt (id, uuid, customer_id, interviewer_id, status, planned_on, held_on, learned, liked, change, note, created_at, updated_at)
  SELECT id, uuid, customer_id, interviewer_id, status, planned_on, held_on, learned, liked, change, note, created_at, updated_at FROM interviews;
DROP TABLE interviews;
ALTER TABLE interviews_rebuilt RENAME TO interviews;
CREATE INDEX interviews_customer ON interviews(customer_id, status);
CREATE INDEX interviews_status ON interviews(status, held_on);

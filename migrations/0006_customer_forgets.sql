-- A forgotten customer, as an event that travels: an export carries it and an import
-- applies it, so a copy of the customer elsewhere is erased too (contacts and text),
-- whatever the export left out.
CREATE TABLE customer_forgets (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  customer_id  INTEGER NOT NULL UNIQUE REFERENCES customers(id),
  forgotten_at TEXT NOT NULL
);
-- Customers forgotten before this table existed travel too.
INSERT INTO customer_forgets (uuid, customer_id, forgotten_at)
SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), id, forgotten_at
  FROM (SELECT id, forgotten_at, hex(randomblob(16)) AS h FROM customers WHERE forgotten_at IS NOT NULL);

-- Forgets erased from the records whose files are not yet verified clean (a reader
-- pinned old pages, the disk was full …): the next forget of that customer finishes
-- them. Local to this file; never exported.
CREATE TABLE forget_pending (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
  since       TEXT NOT NULL
);

-- Files svc wrote outside the database (exports, backups), so that forget can name the
-- copies of a customer it cannot reach. Local to this file; never exported.
CREATE TABLE written_files (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('export', 'backup')),
  path       TEXT,                          -- NULL: written to standard output
  contacts   INTEGER NOT NULL CHECK (contacts IN (0, 1)),
  written_at TEXT NOT NULL
);

-- Deletions travel between exports, and ids that users see are never given out again
-- (migrations/0007_tombstones_and_stable_ids.sql).
--
-- A tombstone remembers a row that was deleted (or merged into another): the table, the
-- row's key as exports carry it (its uuid; a tag's name), when, and the row it was merged
-- into, if any.
CREATE TABLE tombstones (
  table_name  TEXT COLLATE "C" NOT NULL,
  key         TEXT COLLATE "C" NOT NULL,
  deleted_at  TEXT COLLATE "C" NOT NULL,
  merged_into TEXT COLLATE "C",              -- the surviving row's key, for merges
  PRIMARY KEY (table_name, key)
);

-- SQLite rebuilds eight tables here with AUTOINCREMENT, so that a deleted newest id is not
-- handed out again. An identity column draws from a sequence, which never goes back: the
-- ids were stable from 0001 on, and nothing is rebuilt. (A row inserted with an explicit
-- id does not move the sequence; whoever copies rows in with their ids sets it after.)

-- When a matcher was added, so that a matcher removed in one database and added again in
-- another is decided by the newer change (NULL for those added before: the oldest).
ALTER TABLE practice_matchers ADD COLUMN created_at TEXT COLLATE "C";

-- A review that keeps a version, or a changed review interval, changes a procedure row in
-- place. updated_at lets an import keep the newer of two copies, as it does for every
-- other row that changes.
ALTER TABLE procedures ADD COLUMN updated_at TEXT;
UPDATE procedures SET updated_at = coalesce(reviewed_at, created_at);

-- A review that keeps a version, or a changed review interval, changes a procedure row in
-- place. updated_at lets an import keep the newer of two copies
-- (migrations/0016_procedure_updated_at.sql).
ALTER TABLE procedures ADD COLUMN updated_at TEXT COLLATE "C";
UPDATE procedures SET updated_at = coalesce(reviewed_at, created_at);

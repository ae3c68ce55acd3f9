-- Erasing a customer must leave no trace in the full-text index either: with
-- 'secure-delete' on, FTS5 removes a deleted entry's tokens from its shadow tables
-- instead of only marking them deleted (SQLite >= 3.44). The setting is stored with
-- the index and applies to every later delete or update.
INSERT INTO stories_fts(stories_fts, rank) VALUES ('secure-delete', 1);

-- A broad candidate that a review accepted or merged, remembered per key and practice so
-- that detect does not propose the stories decided again
-- (migrations/0019_decided_candidates.sql).
CREATE TABLE decided_candidates (
  key         TEXT COLLATE "C" NOT NULL,
  practice_id BIGINT NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  created_at  TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (key, practice_id)
);
CREATE INDEX decided_candidates_practice ON decided_candidates(practice_id);

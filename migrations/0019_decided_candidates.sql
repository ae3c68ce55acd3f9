-- A broad candidate (a bare action such as "check", shown by detect only for its number
-- of stories) that a review accepted or merged: its stories became that practice's
-- evidence by the person's decision, and the action itself never a matcher, since it
-- would link every later story that checks anything. Remembered per key and practice, as
-- rejections are, so that detect does not propose the stories decided again; a story
-- with the action that is not that practice's evidence is still counted (src/store/detect.ts).
CREATE TABLE decided_candidates (
  key         TEXT NOT NULL,  -- as rejected_candidates.key: 'phrase:check'
  practice_id INTEGER NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (key, practice_id)
) WITHOUT ROWID;
CREATE INDEX decided_candidates_practice ON decided_candidates(practice_id);

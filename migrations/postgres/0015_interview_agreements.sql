-- An invited customer who agrees to a call gives a day, a time and a number (or other
-- contact) to call them on; one who never answers is "no reply"
-- (migrations/0015_interview_agreements.sql). SQLite rebuilds the table to widen the
-- status check; here the check is replaced and the columns added, in the same order.
ALTER TABLE interviews DROP CONSTRAINT interviews_status_check;
ALTER TABLE interviews ADD CONSTRAINT interviews_status_check CHECK (status IN ('planned', 'done', 'declined', 'no_reply'));
ALTER TABLE interviews ADD COLUMN agreed_on TEXT COLLATE "C";    -- the day the customer agreed to be called
ALTER TABLE interviews ADD COLUMN agreed_time TEXT COLLATE "C";  -- HH:MM, local
ALTER TABLE interviews ADD COLUMN contact TEXT COLLATE "C";      -- the number or other contact they gave; erased by customer forget

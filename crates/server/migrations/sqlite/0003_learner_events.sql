-- Events belong to the learner of the session that pushed them (never to a body field).
ALTER TABLE events ADD COLUMN learner_id INTEGER REFERENCES learners (id);
-- Device time corrected by the batch's clock skew (device clock vs server clock at send time),
-- so a phone whose clock is a year off still credits JP to the right year.
ALTER TABLE events ADD COLUMN effective_time_ms INTEGER;
CREATE INDEX events_by_learner ON events (learner_id, seq);

-- Token rotation: the previous token keeps working until the new one is first used, so a
-- rotation whose answer was lost on a bad connection never logs the learner out.
ALTER TABLE sessions ADD COLUMN prev_token_hash TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_ms INTEGER;
CREATE INDEX sessions_by_prev ON sessions (prev_token_hash);

-- When each learner last synced and what their phone said of its storage, in a narrow table of
-- their own: the dashboard reads these for everyone, and beside the fold's ~10 KB JSON each row
-- still cost a page read (5 of the whole tree's ~30 ms for 5,000 staff).
CREATE TABLE learner_sync (
    learner_id      INTEGER PRIMARY KEY REFERENCES learners (id),
    last_synced_ms  INTEGER,
    storage_warning TEXT
);
INSERT INTO learner_sync (learner_id, last_synced_ms, storage_warning)
    SELECT learner_id, last_synced_ms, storage_warning FROM learner_progress
    WHERE last_synced_ms IS NOT NULL OR storage_warning IS NOT NULL;
ALTER TABLE learner_progress DROP COLUMN last_synced_ms;
ALTER TABLE learner_progress DROP COLUMN storage_warning;

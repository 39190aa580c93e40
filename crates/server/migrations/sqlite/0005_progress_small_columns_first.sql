-- learner_progress with its small columns before the fold's JSON. A row's columns are read in
-- order, and `progress` (~10 KB after a few hundred events) spills into overflow pages: with it
-- first, reading `last_synced_ms` or `storage_warning` walked that whole chain, ~3 pages a person,
-- which was a third of the dashboard's time for 5,000 staff. Same columns, same data, new order.
CREATE TABLE learner_progress_new (
    learner_id      INTEGER PRIMARY KEY REFERENCES learners (id),
    events          INTEGER NOT NULL,
    last_synced_ms  INTEGER,
    storage_warning TEXT,
    progress        TEXT    NOT NULL
);
INSERT INTO learner_progress_new (learner_id, events, last_synced_ms, storage_warning, progress)
    SELECT learner_id, events, last_synced_ms, storage_warning, progress FROM learner_progress;
DROP TABLE learner_progress;
ALTER TABLE learner_progress_new RENAME TO learner_progress;

-- One-off upkeep done at start (e.g. the progress backfill for databases from before migration 4),
-- recorded so a server does not scan every event again at each start: a province's database holds
-- tens of millions of events, and an extra server process must answer within a blink.
CREATE TABLE upkeep (
    task        TEXT   PRIMARY KEY,
    done_at_ms  BIGINT NOT NULL
);
-- The start-up re-grade looks for rows graded under an older rule revision: an index, not a scan.
CREATE INDEX learner_courses_by_rev ON learner_courses (credit_rev);

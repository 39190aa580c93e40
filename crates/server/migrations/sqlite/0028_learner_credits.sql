-- Credit for learning that is not a Lentera course (docs/activities.md): a training attended (its
-- check-in verified or marked by the host), a log entry the supervisor confirmed. One row per
-- learner and source (`training:<id>`, `log:<entry>`); the ledger and the JP totals read these
-- beside `learner_courses`. Deleting a row takes the credit back.
CREATE TABLE learner_credits (
    learner_id     BIGINT NOT NULL REFERENCES learners (id),
    source         TEXT   NOT NULL,
    form           TEXT   NOT NULL,
    title          TEXT   NOT NULL,
    provider       TEXT   NOT NULL,
    jp             BIGINT NOT NULL CHECK (jp >= 0),
    competency     TEXT,
    credited_at_ms BIGINT NOT NULL,
    credited_year  BIGINT NOT NULL,
    PRIMARY KEY (learner_id, source)
);
CREATE INDEX learner_credits_by_year ON learner_credits (credited_year, learner_id);

-- The survey and the plan (docs/akpk.md). Self-assessments come from `survey_rated` events (the
-- push keeps the newest per competency); the supervisor's from the console.
CREATE TABLE akpk_ratings (
    learner_id       BIGINT NOT NULL REFERENCES learners (id),
    year             BIGINT NOT NULL,
    competency       TEXT   NOT NULL,
    self_level       BIGINT CHECK (self_level BETWEEN 1 AND 5),
    supervisor_level BIGINT CHECK (supervisor_level BETWEEN 1 AND 5),
    supervisor_id    BIGINT REFERENCES learners (id),
    supervisor_at_ms BIGINT,
    PRIMARY KEY (learner_id, year, competency)
);

-- One row per learner and year once any survey or plan event arrived. Items are a JSON array of
-- plan item keys (a course id, or `form:<key>` for a form of learning that is not a course).
CREATE TABLE akpk_plans (
    learner_id      BIGINT NOT NULL REFERENCES learners (id),
    year            BIGINT NOT NULL,
    surveyed_at_ms  BIGINT,
    submitted_items TEXT,
    submitted_at_ms BIGINT,
    status          TEXT   NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'validated', 'returned')),
    note            TEXT,
    validated_items TEXT,
    reviewed_by     BIGINT REFERENCES learners (id),
    reviewed_at_ms  BIGINT,
    PRIMARY KEY (learner_id, year)
);

-- Every published pack version's credit rule (JP, lessons, answer key) as JSON, kept for good so
-- an attempt is graded by the version it was taken on, however the pack changes later.
CREATE TABLE pack_versions (
    course_id       TEXT   NOT NULL,
    version         BIGINT NOT NULL,
    rule            TEXT   NOT NULL,
    published_at_ms BIGINT NOT NULL,
    PRIMARY KEY (course_id, version)
);

-- learner_courses now holds the server's verdict: `jp`, `completed_at_ms` and `completed_year`
-- are the credit (0 and NULL when not credited); the device's claims and the reason sit beside it.
-- `credit_rev` below the server's current rule revision means "grade again at start".
ALTER TABLE learner_courses ADD COLUMN status TEXT NOT NULL DEFAULT 'in_progress';
ALTER TABLE learner_courses ADD COLUMN verdict TEXT;
ALTER TABLE learner_courses ADD COLUMN claimed_jp BIGINT;
ALTER TABLE learner_courses ADD COLUMN competency TEXT;
ALTER TABLE learner_courses ADD COLUMN credit_rev BIGINT NOT NULL DEFAULT 0;

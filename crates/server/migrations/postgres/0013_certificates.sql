-- Certificates of completion: the signed JSON text and its signature, kept as issued. A revoked
-- certificate stays (its page says it was revoked); only one live certificate per learner and course.
CREATE TABLE certificates (
    number         TEXT    PRIMARY KEY,
    learner_id     BIGINT NOT NULL REFERENCES learners(id),
    course_id      TEXT    NOT NULL,
    completed_at_ms BIGINT NOT NULL,
    body           TEXT    NOT NULL,
    signature      TEXT    NOT NULL,
    issued_at_ms   BIGINT NOT NULL,
    revoked_at_ms  BIGINT,
    revoked_reason TEXT,
    -- When a SIASN export first held this record; NULL: not exported yet.
    exported_at_ms BIGINT
);
CREATE UNIQUE INDEX certificates_live ON certificates (learner_id, course_id) WHERE revoked_at_ms IS NULL;
CREATE INDEX certificates_completed ON certificates (completed_at_ms);

-- Supervised learning on the job (docs/activities.md): the learner's log entries as their pushes
-- left them, the supervisor's word on each, the evidence files, and internship placements.

-- One row per learner and entry (the id is made on the phone). `draft` is the newest `LogDraft`
-- (JSON) by its event's stamp; `confirmed_draft` is what the supervisor confirmed (a later save
-- changes `draft` only, never the credit).
CREATE TABLE log_entries (
    learner_id        BIGINT NOT NULL REFERENCES learners (id),
    entry             TEXT   NOT NULL,
    draft             TEXT   NOT NULL,
    draft_at_ms       BIGINT NOT NULL,
    draft_event       TEXT   NOT NULL,
    status            TEXT   NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'confirmed', 'returned')),
    submitted_at_ms   BIGINT,
    submitted_event   TEXT,
    note              TEXT,
    jp                BIGINT CHECK (jp >= 0),
    confirmed_draft   TEXT,
    reviewed_by       BIGINT REFERENCES learners (id),
    reviewed_at_ms    BIGINT,
    PRIMARY KEY (learner_id, entry)
);
CREATE INDEX log_entries_by_status ON log_entries (status, learner_id);

-- Evidence files (a photo or a PDF), by the id the phone made; one owner per id.
CREATE TABLE evidence (
    id             TEXT   PRIMARY KEY,
    learner_id     BIGINT NOT NULL REFERENCES learners (id),
    content_type   TEXT   NOT NULL,
    bytes          BLOB   NOT NULL,
    size           BIGINT NOT NULL,
    received_at_ms BIGINT NOT NULL
);
CREATE INDEX evidence_by_learner ON evidence (learner_id);

-- Internship placements an admin records. `partner_id` names a row of `partners` (migration 0029)
-- when given; no foreign key, so this table does not depend on that one. The name is kept as typed.
CREATE TABLE internships (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    learner_id    BIGINT NOT NULL REFERENCES learners (id),
    partner_name  TEXT   NOT NULL,
    partner_id    BIGINT,
    place         TEXT   NOT NULL,
    start_date    TEXT   NOT NULL,
    end_date      TEXT   NOT NULL,
    created_by    BIGINT REFERENCES learners (id),
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX internships_by_learner ON internships (learner_id);

-- The schema SQLite reached through its migrations 0001-0008, in one step for a new PostgreSQL
-- database. Every integer is BIGINT so one Rust type (i64) reads it on both engines.
CREATE TABLE learners (
    id             BIGSERIAL PRIMARY KEY,
    nip            TEXT   NOT NULL UNIQUE,
    name           TEXT   NOT NULL,
    unit           TEXT   NOT NULL,
    role           TEXT   NOT NULL CHECK (role IN ('learner', 'supervisor', 'admin')),
    password_hash  TEXT   NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    unit_id        BIGINT,
    position       TEXT   NOT NULL DEFAULT '',
    email          TEXT,
    supervisor_id  BIGINT REFERENCES learners (id),
    activation_hash TEXT
);

CREATE TABLE units (
    id        BIGSERIAL PRIMARY KEY,
    code      TEXT   NOT NULL UNIQUE,
    name      TEXT   NOT NULL,
    parent_id BIGINT REFERENCES units (id)
);
CREATE INDEX units_by_parent ON units (parent_id);
ALTER TABLE learners ADD FOREIGN KEY (unit_id) REFERENCES units (id);
CREATE INDEX learners_by_unit ON learners (unit_id);

-- Events as the devices made them; `seq` is the server's own order, the cursor for pulls
-- (a push holds its learner's advisory lock, so one learner's seqs commit in order).
CREATE TABLE events (
    seq               BIGSERIAL PRIMARY KEY,
    id                TEXT   NOT NULL UNIQUE,
    device_id         TEXT   NOT NULL,
    kind              TEXT   NOT NULL,
    payload           TEXT   NOT NULL,
    device_time_ms    BIGINT NOT NULL,
    received_at_ms    BIGINT NOT NULL,
    learner_id        BIGINT REFERENCES learners (id),
    effective_time_ms BIGINT
);
CREATE INDEX events_by_device ON events (device_id, seq);
CREATE INDEX events_by_learner ON events (learner_id, seq);

CREATE TABLE sessions (
    id              BIGSERIAL PRIMARY KEY,
    token_hash      TEXT   NOT NULL UNIQUE,
    learner_id      BIGINT NOT NULL REFERENCES learners (id),
    device_id       TEXT   NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    revoked_at_ms   BIGINT,
    prev_token_hash TEXT,
    last_seen_ms    BIGINT
);
CREATE INDEX sessions_by_learner ON sessions (learner_id);
CREATE INDEX sessions_by_prev ON sessions (prev_token_hash);

CREATE TABLE unit_supervisors (
    unit_id     BIGINT NOT NULL REFERENCES units (id),
    learner_id  BIGINT NOT NULL REFERENCES learners (id),
    from_import BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, learner_id)
);
CREATE INDEX unit_supervisors_by_learner ON unit_supervisors (learner_id);

CREATE TABLE learner_progress (
    learner_id BIGINT PRIMARY KEY REFERENCES learners (id),
    events     BIGINT NOT NULL,
    progress   TEXT   NOT NULL
);

CREATE TABLE learner_courses (
    learner_id      BIGINT NOT NULL REFERENCES learners (id),
    course_id       TEXT   NOT NULL,
    completed_at_ms BIGINT,
    completed_year  BIGINT,
    jp              BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (learner_id, course_id)
);
CREATE INDEX learner_courses_by_year ON learner_courses (completed_year, learner_id);

CREATE TABLE learner_sync (
    learner_id      BIGINT PRIMARY KEY REFERENCES learners (id),
    last_synced_ms  BIGINT,
    storage_warning TEXT
);

CREATE TABLE assignments (
    id            BIGSERIAL PRIMARY KEY,
    learner_id    BIGINT NOT NULL REFERENCES learners (id),
    course_id     TEXT   NOT NULL,
    due_date      TEXT   NOT NULL,
    assigned_by   BIGINT NOT NULL REFERENCES learners (id),
    created_at_ms BIGINT NOT NULL,
    UNIQUE (learner_id, course_id)
);

CREATE TABLE unit_assignments (
    id            BIGSERIAL PRIMARY KEY,
    unit_id       BIGINT NOT NULL REFERENCES units (id),
    course_id     TEXT   NOT NULL,
    due_date      TEXT   NOT NULL,
    assigned_by   BIGINT NOT NULL REFERENCES learners (id),
    created_at_ms BIGINT NOT NULL,
    UNIQUE (unit_id, course_id)
);

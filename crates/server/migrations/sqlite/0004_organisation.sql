-- The organisation tree: a supervisor sees the units they supervise and everything below.
CREATE TABLE units (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    code      TEXT    NOT NULL UNIQUE,
    name      TEXT    NOT NULL,
    parent_id INTEGER REFERENCES units (id)
);
CREATE INDEX units_by_parent ON units (parent_id);

CREATE TABLE unit_supervisors (
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    learner_id INTEGER NOT NULL REFERENCES learners (id),
    PRIMARY KEY (unit_id, learner_id)
);
CREATE INDEX unit_supervisors_by_learner ON unit_supervisors (learner_id);

-- Staff data from the admin's CSV; `unit` (text) stays for accounts made before units existed.
ALTER TABLE learners ADD COLUMN unit_id INTEGER REFERENCES units (id);
ALTER TABLE learners ADD COLUMN position TEXT NOT NULL DEFAULT '';
ALTER TABLE learners ADD COLUMN email TEXT;
ALTER TABLE learners ADD COLUMN supervisor_id INTEGER REFERENCES learners (id);
-- One-time activation code (SHA-256) for imported accounts; the password is set with it.
ALTER TABLE learners ADD COLUMN activation_hash TEXT;
CREATE INDEX learners_by_unit ON learners (unit_id);

-- The fold of each learner's events, kept current in the push transaction so the dashboard
-- never refolds; `progress` is the protocol's Progress as JSON.
CREATE TABLE learner_progress (
    learner_id      INTEGER PRIMARY KEY REFERENCES learners (id),
    progress        TEXT    NOT NULL,
    events          INTEGER NOT NULL,
    last_synced_ms  INTEGER,
    storage_warning TEXT
);

-- One row per course the learner touched, derived from the same fold: what the dashboard sums.
CREATE TABLE learner_courses (
    learner_id      INTEGER NOT NULL REFERENCES learners (id),
    course_id       TEXT    NOT NULL,
    completed_at_ms INTEGER,
    completed_year  INTEGER,
    jp              INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (learner_id, course_id)
);
CREATE INDEX learner_courses_by_year ON learner_courses (completed_year, learner_id);

CREATE TABLE assignments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    learner_id    INTEGER NOT NULL REFERENCES learners (id),
    course_id     TEXT    NOT NULL,
    due_date      TEXT    NOT NULL,
    assigned_by   INTEGER NOT NULL REFERENCES learners (id),
    created_at_ms INTEGER NOT NULL,
    UNIQUE (learner_id, course_id)
);

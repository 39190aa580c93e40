-- A course assigned to a whole unit: people who join it (or a unit below it) later are assigned it
-- too, while its due date has not passed; the supervisor can stop that.
CREATE TABLE unit_assignments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    course_id     TEXT    NOT NULL,
    due_date      TEXT    NOT NULL,
    assigned_by   INTEGER NOT NULL REFERENCES learners (id),
    created_at_ms INTEGER NOT NULL,
    UNIQUE (unit_id, course_id)
);

-- Webinars and workshops (docs/activities.md): partners, the trainings scheduled with them, the
-- units invited, registrations decided in arrival order, and every check-in kept with its verdict.
CREATE TABLE partners (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT   NOT NULL UNIQUE,
    kind          TEXT   NOT NULL CHECK (kind IN ('university', 'company', 'agency')),
    profile       TEXT   NOT NULL,
    website       TEXT,
    updated_at_ms BIGINT NOT NULL
);

-- `secret` (hex) makes the check-in codes: kept here so every server process shows the same one.
-- `pillars` and `materials` are JSON arrays.
CREATE TABLE trainings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT   NOT NULL,
    form          TEXT   NOT NULL CHECK (form IN ('webinar', 'workshop')),
    partner_id    INTEGER REFERENCES partners (id),
    link          TEXT,
    place         TEXT,
    start_ms      BIGINT NOT NULL,
    end_ms        BIGINT NOT NULL CHECK (end_ms > start_ms),
    capacity      BIGINT CHECK (capacity >= 1),
    jp            BIGINT NOT NULL CHECK (jp >= 0),
    competency    TEXT   NOT NULL,
    pillars       TEXT   NOT NULL,
    pre_reading   TEXT,
    recording     TEXT,
    materials     TEXT   NOT NULL,
    secret        TEXT   NOT NULL,
    created_by    INTEGER REFERENCES learners (id),
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX trainings_by_start ON trainings (start_ms);

CREATE TABLE training_units (
    training_id INTEGER NOT NULL REFERENCES trainings (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (training_id, unit_id)
);
CREATE INDEX training_units_by_unit ON training_units (unit_id);

-- The newest word of each learner; places are decided as the words arrive.
CREATE TABLE training_registrations (
    training_id    INTEGER NOT NULL REFERENCES trainings (id),
    learner_id     INTEGER NOT NULL REFERENCES learners (id),
    status         TEXT   NOT NULL CHECK (status IN ('confirmed', 'full', 'cancelled')),
    said_at_ms     BIGINT NOT NULL,
    arrived_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (training_id, learner_id)
);
CREATE INDEX training_registrations_by_learner ON training_registrations (learner_id);

-- Every checked_in event (and every mark the host made from the list), with what it decided.
-- `training` is the id as the phone sent it: a code for a training that does not exist is kept too.
CREATE TABLE training_checkins (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    training     TEXT   NOT NULL,
    learner_id   INTEGER NOT NULL REFERENCES learners (id),
    event_id     TEXT   UNIQUE,
    code         TEXT,
    at_ms        BIGINT NOT NULL,
    received_ms  BIGINT NOT NULL,
    marked_by    INTEGER REFERENCES learners (id),
    verdict      TEXT   NOT NULL CHECK (verdict IN ('credited', 'already_credited', 'wrong_code', 'outside_window', 'not_invited',
                                                   'unknown_training', 'host_said_absent', 'marked_present', 'marked_absent'))
);
CREATE INDEX training_checkins_by_training ON training_checkins (training, learner_id);

-- Innovation-idea competition (docs/innovation.md): rounds with a weighted rubric and jurors, the
-- learners' ideas as their pushes left them with the supervisor's endorsement, and jurors' scores.

-- Dates are `YYYY-MM-DD` in WIB, inclusive. `unit_id` NULL: everyone (a whole-tree admin's round).
CREATE TABLE idea_rounds (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    theme            TEXT   NOT NULL,
    description      TEXT   NOT NULL DEFAULT '',
    opens_on         TEXT   NOT NULL,
    closes_on        TEXT   NOT NULL,
    judging_ends_on  TEXT   NOT NULL,
    unit_id          BIGINT REFERENCES units (id),
    published_at_ms  BIGINT,
    published_by     BIGINT REFERENCES learners (id),
    created_by       BIGINT REFERENCES learners (id),
    created_at_ms    BIGINT NOT NULL,
    CHECK (opens_on <= closes_on AND closes_on <= judging_ends_on)
);

-- The rubric, in order; weights (percent) sum to 100 (checked by the route that writes them).
CREATE TABLE idea_criteria (
    round_id  BIGINT NOT NULL REFERENCES idea_rounds (id),
    position  BIGINT NOT NULL,
    name      TEXT   NOT NULL,
    weight    BIGINT NOT NULL CHECK (weight BETWEEN 1 AND 100),
    PRIMARY KEY (round_id, position)
);

CREATE TABLE idea_jurors (
    round_id   BIGINT NOT NULL REFERENCES idea_rounds (id),
    learner_id BIGINT NOT NULL REFERENCES learners (id),
    PRIMARY KEY (round_id, learner_id)
);

-- One row per learner and entry (the id made on the phone). `round` is the round as the draft named
-- it; `round_id` the round it names when one exists. `draft` is the newest save (JSON: items,
-- evidence, team) by its event's stamp; `endorsed_draft` what the supervisor endorsed. `number` is
-- the neutral "Ide N" jurors see, given at endorsement.
CREATE TABLE ideas (
    learner_id       BIGINT NOT NULL REFERENCES learners (id),
    entry            TEXT   NOT NULL,
    round            TEXT   NOT NULL,
    round_id         BIGINT REFERENCES idea_rounds (id),
    title            TEXT   NOT NULL,
    draft            TEXT   NOT NULL,
    draft_at_ms      BIGINT NOT NULL,
    draft_event      TEXT   NOT NULL,
    status           TEXT   NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'late', 'endorsed', 'returned')),
    submitted_at_ms  BIGINT,
    submitted_event  TEXT,
    note             TEXT,
    endorsed_title   TEXT,
    endorsed_draft   TEXT,
    number           BIGINT,
    reviewed_by      BIGINT REFERENCES learners (id),
    reviewed_at_ms   BIGINT,
    PRIMARY KEY (learner_id, entry)
);
CREATE INDEX ideas_by_round ON ideas (round_id, status);
CREATE UNIQUE INDEX ideas_by_number ON ideas (round_id, number);

-- A juror's score of one endorsed idea on one criterion (1 to 5).
CREATE TABLE idea_scores (
    round_id      BIGINT NOT NULL REFERENCES idea_rounds (id),
    learner_id    BIGINT NOT NULL,
    entry         TEXT   NOT NULL,
    juror_id      BIGINT NOT NULL REFERENCES learners (id),
    position      BIGINT NOT NULL,
    score         BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    scored_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (learner_id, entry, juror_id, position),
    FOREIGN KEY (learner_id, entry) REFERENCES ideas (learner_id, entry)
);
CREATE INDEX idea_scores_by_round ON idea_scores (round_id, juror_id);

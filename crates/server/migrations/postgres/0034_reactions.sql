-- Evaluation at the reaction and behaviour levels (docs/evaluation.md): the learner's satisfaction
-- with a course or training and their action plan, from the phone's events, and the supervisor's
-- word on whether the plan happened. `subject` is `course:<course id>` or `training:<training id>`.
-- Rows are kept for any subject; the report counts only subjects the server credited the learner.

-- One row per learner and subject: the newest `reaction_given` by its event's stamp. `c1`-`c4`
-- are the levels (1-4) given to `reaction::QUESTIONS` in order.
CREATE TABLE reactions (
    learner_id   BIGINT NOT NULL REFERENCES learners (id),
    subject      TEXT   NOT NULL,
    c1           BIGINT NOT NULL CHECK (c1 BETWEEN 1 AND 4),
    c2           BIGINT NOT NULL CHECK (c2 BETWEEN 1 AND 4),
    c3           BIGINT NOT NULL CHECK (c3 BETWEEN 1 AND 4),
    c4           BIGINT NOT NULL CHECK (c4 BETWEEN 1 AND 4),
    answer       TEXT   NOT NULL,
    given_at_ms  BIGINT NOT NULL,
    given_event  TEXT   NOT NULL,
    PRIMARY KEY (learner_id, subject)
);
CREATE INDEX reactions_by_subject ON reactions (subject);

-- One row per learner and subject: the newest `action_plan_saved` text; `first_saved_at_ms` sets
-- when the supervisor is asked. `follow_up` is the supervisor's newest word on it.
CREATE TABLE action_plans (
    learner_id        BIGINT NOT NULL REFERENCES learners (id),
    subject           TEXT   NOT NULL,
    plan              TEXT   NOT NULL,
    saved_at_ms       BIGINT NOT NULL,
    saved_event       TEXT   NOT NULL,
    first_saved_at_ms BIGINT NOT NULL,
    follow_up         TEXT   CHECK (follow_up IN ('done', 'partly', 'not_yet')),
    followed_by       BIGINT REFERENCES learners (id),
    followed_at_ms    BIGINT,
    PRIMARY KEY (learner_id, subject)
);
CREATE INDEX action_plans_by_subject ON action_plans (subject);

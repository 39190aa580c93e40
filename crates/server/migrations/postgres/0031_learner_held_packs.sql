-- Which course packs each learner's phone said it holds (docs/activities.md, "Assigned content
-- arrives by itself"): the phone's last report replaces the rows, so the supervisor's person page
-- can say which assigned courses are already on the phone.
CREATE TABLE learner_held_packs (
    learner_id     BIGINT NOT NULL REFERENCES learners (id),
    course_id      TEXT   NOT NULL,
    version        BIGINT NOT NULL CHECK (version >= 0),
    reported_at_ms BIGINT NOT NULL,
    PRIMARY KEY (learner_id, course_id)
);

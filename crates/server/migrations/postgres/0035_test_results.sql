-- Evaluation at the learning level (docs/evaluation.md): each learner's pre- and post-test of a
-- course as they count (`lentera_protocol::pretest::result`): graded by the server's published
-- key, the first pre-test handed in before the course's credit and the first post-test at or
-- after it. Kept from the fold inside every push that touches the course or its tests; a row
-- exists while either test counts.
CREATE TABLE test_results (
    learner_id   BIGINT NOT NULL REFERENCES learners (id),
    course_id    TEXT   NOT NULL,
    pre_correct  BIGINT,
    pre_total    BIGINT,
    pre_at_ms    BIGINT,
    post_correct BIGINT,
    post_total   BIGINT,
    post_at_ms   BIGINT,
    PRIMARY KEY (learner_id, course_id)
);
CREATE INDEX test_results_by_course ON test_results (course_id);

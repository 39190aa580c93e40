-- The competency framework the admin controls (docs/akpk.md): competencies with five level
-- descriptions, the courses that develop each, and the level each position requires.
CREATE TABLE competencies (
    code          TEXT    PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('teknis', 'manajerial', 'sosial_kultural')),
    name          TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    -- Comma-separated subset of cakap,etika,aman,budaya (the four digital-literacy pillars).
    pillars       TEXT    NOT NULL,
    level1        TEXT    NOT NULL,
    level2        TEXT    NOT NULL,
    level3        TEXT    NOT NULL,
    level4        TEXT    NOT NULL,
    level5        TEXT    NOT NULL,
    -- Display order in the survey and the console.
    ordinal       BIGINT  NOT NULL,
    updated_at_ms BIGINT  NOT NULL
);

CREATE TABLE competency_courses (
    competency TEXT NOT NULL REFERENCES competencies (code) ON DELETE CASCADE,
    course_id  TEXT NOT NULL,
    -- The order the proposal offers a competency's courses in.
    ordinal    BIGINT NOT NULL,
    PRIMARY KEY (competency, course_id)
);

-- `position_key` is lentera_protocol::akpk::position_key of the name (trimmed, spaces folded,
-- ASCII lower case); learners are matched to it by the same function in Rust.
CREATE TABLE position_requirements (
    position_key TEXT   NOT NULL,
    position     TEXT   NOT NULL,
    competency   TEXT   NOT NULL REFERENCES competencies (code) ON DELETE CASCADE,
    level        BIGINT NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (position_key, competency)
);

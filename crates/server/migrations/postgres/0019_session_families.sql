-- Token rotation with reuse detection and bounded console sessions (docs/security.md, "Sessions").
-- A successor token is derived from the token it replaces and this per-session secret, so two
-- rotations racing with one token hand out the same successor.
ALTER TABLE sessions ADD COLUMN rotation_salt TEXT;
-- 1: made by the console's login: ends after an idle spell or a working day (not phones).
ALTER TABLE sessions ADD COLUMN console BIGINT NOT NULL DEFAULT 0;
-- Why a session ended, when the learner is to be told: 'reused' or 'expired'.
ALTER TABLE sessions ADD COLUMN end_reason TEXT;
-- Tokens rotated out and already replaced by a used successor: presenting one ends the session.
CREATE TABLE retired_tokens (
    token_hash    TEXT   NOT NULL PRIMARY KEY,
    session_id    BIGINT NOT NULL REFERENCES sessions (id),
    retired_at_ms BIGINT NOT NULL
);
CREATE INDEX retired_tokens_by_session ON retired_tokens (session_id, retired_at_ms);

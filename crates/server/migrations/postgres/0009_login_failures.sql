-- Failed logins and activations, shared by every server process: the 429 throttles read them.
CREATE TABLE login_failures (
    id    BIGSERIAL PRIMARY KEY,
    key   TEXT   NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at_ms);

-- People who log in, by NIP; passwords only as argon2id hashes.
CREATE TABLE learners (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    nip           TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    unit          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('learner', 'supervisor', 'admin')),
    password_hash TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL
);

-- One row per device login. Only the token's SHA-256 is kept; no expiry, since a learner may be
-- offline for weeks; revoking (logout, "sign out all devices") is what ends a session.
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash    TEXT    NOT NULL UNIQUE,
    learner_id    INTEGER NOT NULL REFERENCES learners (id),
    device_id     TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER
);

CREATE INDEX sessions_by_learner ON sessions (learner_id);

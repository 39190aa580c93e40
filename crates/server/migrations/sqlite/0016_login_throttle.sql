-- The login throttle keeps one row per key (an account, an address, an account on a known device)
-- instead of one row per failure: a leaky count of recent failures and the time the key may try
-- again, updated in one statement per attempt so concurrent guesses cannot slip past the limit.
DROP TABLE login_failures;
CREATE TABLE login_throttle (
    key              TEXT    PRIMARY KEY,
    failures         INTEGER NOT NULL,
    leak_from_ms     INTEGER NOT NULL,
    blocked_until_ms INTEGER NOT NULL,
    forget_at_ms     INTEGER NOT NULL
);
-- Pruning drops rows that no longer say anything, and the ones nearest to that when over the cap.
CREATE INDEX login_throttle_by_forget ON login_throttle (forget_at_ms);

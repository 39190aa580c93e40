-- Expired login failures are pruned across all keys, so made-up NIPs cannot grow the table.
CREATE INDEX login_failures_by_time ON login_failures (at_ms);

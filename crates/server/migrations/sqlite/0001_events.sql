-- Events as the devices made them; `seq` is the server's own order, the cursor for pulls.
CREATE TABLE events (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT    NOT NULL UNIQUE,
    device_id      TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    device_time_ms INTEGER NOT NULL,
    received_at_ms INTEGER NOT NULL
);

CREATE INDEX events_by_device ON events (device_id, seq);

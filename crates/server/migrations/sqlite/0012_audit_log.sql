-- What admins and supervisors changed, who and when; rows are only ever added (the triggers refuse
-- an UPDATE or DELETE from anyone, the server included). `unit_id`: the unit the change concerns,
-- so a unit-scoped admin reads only their units' entries; NULL for changes outside any unit.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms      INTEGER NOT NULL,
    actor_nip  TEXT    NOT NULL,
    actor_name TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    target     TEXT    NOT NULL,
    detail     TEXT    NOT NULL DEFAULT '',
    unit_id    INTEGER
);
CREATE INDEX audit_log_by_unit ON audit_log (unit_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

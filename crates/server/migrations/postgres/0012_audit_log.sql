-- What admins and supervisors changed, who and when; rows are only ever added (the trigger refuses
-- an UPDATE, DELETE or TRUNCATE from anyone, the server included). `unit_id`: the unit the change
-- concerns, so a unit-scoped admin reads only their units' entries; NULL outside any unit.
CREATE TABLE audit_log (
    id         BIGSERIAL PRIMARY KEY,
    at_ms      BIGINT NOT NULL,
    actor_nip  TEXT   NOT NULL,
    actor_name TEXT   NOT NULL,
    action     TEXT   NOT NULL,
    target     TEXT   NOT NULL,
    detail     TEXT   NOT NULL DEFAULT '',
    unit_id    BIGINT
);
CREATE INDEX audit_log_by_unit ON audit_log (unit_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

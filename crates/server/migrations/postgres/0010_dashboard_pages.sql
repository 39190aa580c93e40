-- The dashboard at province scale (issue 12): it pages its rows and sums its totals in SQL, so
-- what it needs of every person sits in the narrow learner_sync row beside the last sync, kept by
-- every push in the same transaction as the fold (db/progress.rs): courses completed and in
-- progress, and the JP of `jp_year`, the latest WIB year with a completion (none: NULL, 0 JP).
-- The JP of any year is then exact without reading learner_courses: `jp` for jp_year, 0 for a
-- later year, learner_courses only for an earlier one.
ALTER TABLE learner_sync ADD COLUMN jp_year BIGINT;
ALTER TABLE learner_sync ADD COLUMN jp BIGINT NOT NULL DEFAULT 0;
ALTER TABLE learner_sync ADD COLUMN completed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE learner_sync ADD COLUMN in_progress BIGINT NOT NULL DEFAULT 0;
-- Everyone with courses has a row (one who never synced keeps last_synced_ms NULL).
INSERT INTO learner_sync (learner_id)
    SELECT DISTINCT c.learner_id FROM learner_courses c
    WHERE NOT EXISTS (SELECT 1 FROM learner_sync s WHERE s.learner_id = c.learner_id);
UPDATE learner_sync SET
    jp_year = (SELECT MAX(c.completed_year) FROM learner_courses c WHERE c.learner_id = learner_sync.learner_id),
    completed = (SELECT COUNT(*) FROM learner_courses c WHERE c.learner_id = learner_sync.learner_id AND c.completed_at_ms IS NOT NULL),
    in_progress = (SELECT COUNT(*) FROM learner_courses c WHERE c.learner_id = learner_sync.learner_id AND c.completed_at_ms IS NULL);
UPDATE learner_sync SET
    jp = (SELECT COALESCE(SUM(c.jp), 0) FROM learner_courses c WHERE c.learner_id = learner_sync.learner_id AND c.completed_year = learner_sync.jp_year)
    WHERE jp_year IS NOT NULL;
-- Pages in name order (A-Z with ASCII letters folded, then NIP, byte order whatever the database's
-- collation, as SQLite sorts) read this index instead of sorting everyone.
CREATE INDEX learners_by_name_key ON learners (lower(name COLLATE "C"), nip COLLATE "C");
-- The rare person whose latest completion is in a later year than the one asked (see db/dashboard.rs).
CREATE INDEX learner_sync_by_jp_year ON learner_sync (jp_year);
-- "Overdue" reads only assignments due before today.
CREATE INDEX assignments_by_due ON assignments (due_date);

-- Which supervisor links the staff import made (from `nip_atasan`), so a re-import that changes
-- someone's supervisor also takes the old supervisor's view away; links an admin set stay.
ALTER TABLE unit_supervisors ADD COLUMN from_import INTEGER NOT NULL DEFAULT 0;

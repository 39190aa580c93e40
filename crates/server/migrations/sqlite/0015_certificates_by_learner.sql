-- A learner's certificates by learner alone: `certificates_live` is partial (live ones only), so
-- reading all of a learner's certificates scanned the whole table; a SIASN export of 5,000 staff
-- made 5,000 such reads (over 30 s at 10,000 certificates).
CREATE INDEX certificates_by_learner ON certificates (learner_id);

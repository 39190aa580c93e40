-- PNS or PPPK: each is measured against its own yearly JP rule (lentera_protocol::jp_rule;
-- PP 11/2017 jo. PP 17/2020 for PNS, PP 49/2018 for PPPK). Everyone known so far is a PNS.
ALTER TABLE learners ADD COLUMN employment TEXT NOT NULL DEFAULT 'pns' CHECK (employment IN ('pns', 'pppk'));

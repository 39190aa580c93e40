-- The citizen satisfaction survey (SKM, PermenPANRB 14/2017) the admin records per unit and
-- period (docs/evaluation.md): `2025`, `2025-S1` or `2025-S2`. The nine elements' NRR are kept in
-- hundredths (1.00-4.00 is 100-400) so the IKM is computed without floats, in the app's code.
CREATE TABLE skm_results (
    unit_id        BIGINT NOT NULL REFERENCES units (id),
    period         TEXT   NOT NULL,
    respondents    BIGINT NOT NULL CHECK (respondents >= 1),
    nrr1           BIGINT NOT NULL CHECK (nrr1 BETWEEN 100 AND 400),
    nrr2           BIGINT NOT NULL CHECK (nrr2 BETWEEN 100 AND 400),
    nrr3           BIGINT NOT NULL CHECK (nrr3 BETWEEN 100 AND 400),
    nrr4           BIGINT NOT NULL CHECK (nrr4 BETWEEN 100 AND 400),
    nrr5           BIGINT NOT NULL CHECK (nrr5 BETWEEN 100 AND 400),
    nrr6           BIGINT NOT NULL CHECK (nrr6 BETWEEN 100 AND 400),
    nrr7           BIGINT NOT NULL CHECK (nrr7 BETWEEN 100 AND 400),
    nrr8           BIGINT NOT NULL CHECK (nrr8 BETWEEN 100 AND 400),
    nrr9           BIGINT NOT NULL CHECK (nrr9 BETWEEN 100 AND 400),
    recorded_by    TEXT   NOT NULL,
    recorded_at_ms BIGINT NOT NULL,
    PRIMARY KEY (unit_id, period)
);

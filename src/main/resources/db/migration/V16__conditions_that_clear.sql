-- Conditions that clear: when an open alert's condition no longer holds, when that was seen and the
-- fact that made the difference (none when the evaluation alone saw it). CLEARED is the outcome of
-- a WATCH that Saathi resolved itself because its condition had cleared by its deadline.

ALTER TABLE alert
    ADD COLUMN cleared_at          timestamptz,
    ADD COLUMN cleared_by_fact     text,
    ADD COLUMN cleared_by_type     text,
    ADD COLUMN cleared_by_at       timestamptz,
    ADD COLUMN cleared_by_summary  text;

ALTER TABLE alert DROP CONSTRAINT alert_outcome_check;
ALTER TABLE alert ADD CONSTRAINT alert_outcome_check
    CHECK (outcome IN ('CONTACTED_STABLE', 'REFERRED', 'RELAPSE_CONFIRMED', 'FALSE_ALARM', 'OTHER', 'CLEARED'));

-- History imports: when a participant last sent a fact recorded long before it arrived. The
-- evaluation sweep leaves them alone until the import has been quiet a while, so that it does not
-- judge a silence in the middle of their history.
CREATE TABLE history_import (
    participant_id  text        PRIMARY KEY REFERENCES participant (id),
    last_late_fact  timestamptz NOT NULL
);

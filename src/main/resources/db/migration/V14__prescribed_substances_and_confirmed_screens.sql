-- What a substitution or medication programme prescribes the participant (methadone, buprenorphine,
-- ...), in the vocabulary drug screens are read in: a positive screen for these alone is their
-- medication, not use. Participants saved before it are prescribed nothing.
ALTER TABLE participant ADD COLUMN prescribed_substances text[] NOT NULL DEFAULT '{}';

-- Whether a positive drug screen was confirmed by a laboratory test (true) or is an immunoassay's
-- presumptive result (false). NULL when the sender did not say, as every screen before it: read as
-- confirmed, the higher severity, so that a sender who does not say loses no warning.
ALTER TABLE screening ADD COLUMN confirmed boolean;

-- What a peer concern is about. Concerns recorded before there was a category are OTHER, as are
-- concerns sent without one; SELF_HARM is risk to life and raises a CRITICAL alert.
ALTER TABLE peer_concern ADD COLUMN category text NOT NULL DEFAULT 'OTHER'
    CHECK (category IN ('SELF_HARM', 'USE_SUSPECTED', 'ISOLATION', 'CONFLICT', 'OTHER'));

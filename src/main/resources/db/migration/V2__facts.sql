-- Facts posted by integrations. They are append-only: a correction is a new fact, and the
-- triggers below refuse any UPDATE or DELETE so that evidence behind an alert never changes.

CREATE TABLE check_in (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    participant_id    text        NOT NULL REFERENCES participant (id),
    recorded_at       timestamptz NOT NULL,
    source            text        NOT NULL,
    craving           smallint    NOT NULL CHECK (craving BETWEEN 0 AND 10),
    mood              smallint    NOT NULL CHECK (mood BETWEEN 1 AND 10),
    stress            smallint    CHECK (stress BETWEEN 0 AND 10),
    sleep_hours       numeric(4, 2) CHECK (sleep_hours BETWEEN 0 AND 24),
    used_substance    boolean,
    medication_taken  boolean,
    triggers          text[]      NOT NULL DEFAULT '{}',
    note              text        CHECK (char_length(note) <= 2000),
    received_at       timestamptz NOT NULL,
    UNIQUE (participant_id, recorded_at, source)
);

CREATE TABLE attendance (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    participant_id  text        NOT NULL REFERENCES participant (id),
    session_id      text        NOT NULL,
    group_id        text        REFERENCES therapy_group (id),
    session_type    text        NOT NULL CHECK (session_type IN ('GROUP_THERAPY', 'PEER_MEETING', 'COUNSELLING', 'MEDICATION')),
    scheduled_at    timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('ATTENDED', 'LATE', 'LEFT_EARLY', 'EXCUSED', 'ABSENT')),
    source          text        NOT NULL,
    received_at     timestamptz NOT NULL,
    -- the same session reported again with the same status is a repeat; another status is a correction
    UNIQUE (participant_id, session_id, status)
);

CREATE INDEX attendance_participant_time ON attendance (participant_id, scheduled_at);

CREATE TABLE screening (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    participant_id  text        NOT NULL REFERENCES participant (id),
    instrument      text        NOT NULL CHECK (instrument IN ('PHQ9', 'BAM', 'DRUG_SCREEN')),
    recorded_at     timestamptz NOT NULL,
    source          text        NOT NULL,
    items           smallint[],
    positive        boolean,
    substances      text[],
    scores          jsonb,
    received_at     timestamptz NOT NULL,
    UNIQUE (participant_id, instrument, recorded_at, source)
);

CREATE INDEX screening_participant_time ON screening (participant_id, recorded_at);

CREATE TABLE peer_concern (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    participant_id  text        NOT NULL REFERENCES participant (id),
    reported_by     text        NOT NULL,
    observed_at     timestamptz NOT NULL,
    level           text        NOT NULL CHECK (level IN ('LOW', 'MEDIUM', 'HIGH')),
    note            text        CHECK (char_length(note) <= 2000),
    source          text        NOT NULL,
    received_at     timestamptz NOT NULL,
    UNIQUE (participant_id, reported_by, observed_at)
);

CREATE INDEX peer_concern_participant_time ON peer_concern (participant_id, observed_at);

CREATE FUNCTION refuse_fact_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'facts are append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER check_in_append_only BEFORE UPDATE OR DELETE ON check_in
    FOR EACH ROW EXECUTE FUNCTION refuse_fact_change();
CREATE TRIGGER attendance_append_only BEFORE UPDATE OR DELETE ON attendance
    FOR EACH ROW EXECUTE FUNCTION refuse_fact_change();
CREATE TRIGGER screening_append_only BEFORE UPDATE OR DELETE ON screening
    FOR EACH ROW EXECUTE FUNCTION refuse_fact_change();
CREATE TRIGGER peer_concern_append_only BEFORE UPDATE OR DELETE ON peer_concern
    FOR EACH ROW EXECUTE FUNCTION refuse_fact_change();

-- Answers kept for requests sent with an Idempotency-Key, per client, so a retry gets the first answer.
CREATE TABLE idempotent_request (
    client           text        NOT NULL,
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    response_status  integer,
    response_body    text,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (client, idempotency_key)
);

CREATE INDEX idempotent_request_age ON idempotent_request (created_at);

-- Programmes, staff, groups and participants: the roster that facts and alerts hang on.

CREATE TABLE programme (
    id                  text PRIMARY KEY,
    name                text        NOT NULL,
    timezone            text        NOT NULL,
    -- whether messages to staff may carry a participant's display name (SPEC 5, minimum necessary)
    show_display_names  boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

INSERT INTO programme (id, name, timezone) VALUES ('default', 'Default programme', 'Asia/Kolkata');

CREATE TABLE staff (
    id             text PRIMARY KEY,
    name           text        NOT NULL,
    email          text,
    phone          text,
    roles          text[]      NOT NULL CHECK (cardinality(roles) > 0
                       AND roles <@ ARRAY['PEER_MENTOR', 'COUNSELLOR', 'SUPERVISOR', 'ADMIN']),
    programme_id   text        NOT NULL REFERENCES programme (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE therapy_group (
    id            text PRIMARY KEY,
    name          text        NOT NULL,
    type          text        NOT NULL CHECK (type IN ('PSYCHOEDUCATIONAL', 'SKILLS', 'CBT', 'SUPPORT', 'PEER_MEETING')),
    audience      text        NOT NULL CHECK (audience IN ('MIXED', 'WOMEN', 'MEN', 'YOUTH')),
    programme_id  text        NOT NULL REFERENCES programme (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE participant (
    id                       text PRIMARY KEY,
    display_name             text        NOT NULL,
    programme_id             text        NOT NULL REFERENCES programme (id),
    peer_mentor_id           text        NOT NULL REFERENCES staff (id),
    counsellor_id            text        NOT NULL REFERENCES staff (id),
    supervisor_id            text        REFERENCES staff (id),
    timezone                 text        NOT NULL,
    status                   text        NOT NULL CHECK (status IN ('ACTIVE', 'DISCHARGED')),
    share_with_peer_mentor   boolean     NOT NULL,
    expects_daily_check_in   boolean     NOT NULL DEFAULT true,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX participant_peer_mentor ON participant (peer_mentor_id);
CREATE INDEX participant_counsellor ON participant (counsellor_id);
CREATE INDEX participant_supervisor ON participant (supervisor_id);
CREATE INDEX participant_active ON participant (programme_id) WHERE status = 'ACTIVE';

CREATE TABLE participant_group (
    participant_id  text NOT NULL REFERENCES participant (id),
    group_id        text NOT NULL REFERENCES therapy_group (id),
    PRIMARY KEY (participant_id, group_id)
);

CREATE INDEX participant_group_group ON participant_group (group_id);

-- Staff who can log in. Only a bcrypt hash of the password is kept.
CREATE TABLE account (
    staff_id       text PRIMARY KEY REFERENCES staff (id),
    password_hash  text        NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Integration keys: only a SHA-256 of the key is kept; the key itself is shown once.
CREATE TABLE api_key (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL,
    key_hash    text        NOT NULL UNIQUE,
    key_prefix  text        NOT NULL,
    scopes      text[]      NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['ingest', 'roster']),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

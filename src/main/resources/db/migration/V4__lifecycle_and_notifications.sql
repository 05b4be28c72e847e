-- Alert lifecycle (acknowledge, resolve, snooze), the notification outbox, and sweep bookkeeping.

ALTER TABLE alert
    ADD COLUMN ack_within_seconds  integer NOT NULL DEFAULT 14400,
    ADD COLUMN notification_round  integer NOT NULL DEFAULT 0,
    ADD COLUMN acknowledged_at     timestamptz,
    ADD COLUMN acknowledged_by     text,
    ADD COLUMN resolved_at         timestamptz,
    ADD COLUMN resolved_by         text,
    ADD COLUMN outcome             text CHECK (outcome IN ('CONTACTED_STABLE', 'REFERRED', 'RELAPSE_CONFIRMED',
                                                           'FALSE_ALARM', 'OTHER'));

-- How each staff member is reached; empty means by e-mail when they have an address.
ALTER TABLE staff ADD COLUMN channels text[] NOT NULL DEFAULT '{}'
    CHECK (channels <@ ARRAY['EMAIL', 'WEBHOOK', 'LOG']);

-- A (participant, rule) pair whose notifications are held until a time. Never for CRITICAL alerts.
CREATE TABLE snooze (
    id              bigserial PRIMARY KEY,
    participant_id  text        NOT NULL REFERENCES participant (id),
    rule_id         text        NOT NULL,
    until           timestamptz NOT NULL,
    reason          text        NOT NULL,
    snoozed_by      text        NOT NULL,
    snoozed_at      timestamptz NOT NULL,
    ended           boolean     NOT NULL DEFAULT false
);

CREATE INDEX snooze_pair ON snooze (participant_id, rule_id, until);
CREATE INDEX snooze_ending ON snooze (until) WHERE NOT ended;

-- The outbox: written in the transaction that changes the alert, delivered by the dispatcher.
-- One row per alert, recipient, channel and notification round, so a retry or a second
-- dispatcher can never send the same message twice under two ids.
CREATE TABLE notification (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    alert_id         uuid        NOT NULL REFERENCES alert (id),
    staff_id         text        NOT NULL REFERENCES staff (id),
    channel          text        NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK', 'LOG')),
    round            integer     NOT NULL,
    kind             text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('PENDING', 'HELD', 'SENT', 'FAILED', 'CANCELLED')),
    held_reason      text,
    subject          text        NOT NULL,
    body             text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    UNIQUE (alert_id, staff_id, channel, round)
);

CREATE INDEX notification_due ON notification (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX notification_alert ON notification (alert_id);

-- Which sweep round last evaluated each participant, so that several instances share a round.
CREATE TABLE sweep_mark (
    participant_id  text   PRIMARY KEY REFERENCES participant (id),
    round           bigint NOT NULL
);

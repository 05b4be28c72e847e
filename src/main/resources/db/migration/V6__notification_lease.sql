-- A dispatcher leases the notifications it is sending and records each result on its own, so that
-- a crash repeats at most the message in flight, and staff actions never wait on a slow gateway.
-- Each notification also names its participant, so that delivery can check consent and assignment
-- at the moment of sending, not only when it was queued.

ALTER TABLE notification DROP CONSTRAINT notification_state_check;
ALTER TABLE notification ADD CONSTRAINT notification_state_check
    CHECK (state IN ('PENDING', 'SENDING', 'HELD', 'SENT', 'FAILED', 'CANCELLED'));
ALTER TABLE notification ADD COLUMN lease_until timestamptz;
ALTER TABLE notification ADD COLUMN participant_id text REFERENCES participant (id);

CREATE INDEX notification_leased ON notification (lease_until) WHERE state = 'SENDING';

-- Alerts raised by the rules, one per (participant, rule) while open or acknowledged, with the
-- evidence behind them, who was asked to act and why, and every change in their history.

CREATE TABLE alert (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    participant_id      text        NOT NULL REFERENCES participant (id),
    programme_id        text        NOT NULL REFERENCES programme (id),
    rule_id             text        NOT NULL,
    rule_name           text        NOT NULL,
    severity            text        NOT NULL CHECK (severity IN ('WATCH', 'WARNING', 'URGENT', 'CRITICAL')),
    status              text        NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    explanation         text        NOT NULL,
    rule_set_version    text        NOT NULL,
    raised_at           timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    ack_due_at          timestamptz NOT NULL,
    escalate_to         text        NOT NULL,
    escalation_step     integer     NOT NULL DEFAULT 0
);

-- The database itself guarantees one open alert per participant and rule, whatever races above it.
CREATE UNIQUE INDEX alert_one_open_per_rule ON alert (participant_id, rule_id)
    WHERE status IN ('OPEN', 'ACKNOWLEDGED');
CREATE INDEX alert_newest ON alert (raised_at DESC);
CREATE INDEX alert_participant ON alert (participant_id, raised_at DESC);
CREATE INDEX alert_due ON alert (ack_due_at) WHERE status = 'OPEN';

CREATE TABLE alert_evidence (
    alert_id    uuid        NOT NULL REFERENCES alert (id),
    fact_id     text        NOT NULL,
    fact_type   text        NOT NULL,
    fact_at     timestamptz NOT NULL,
    summary     text        NOT NULL,
    severity    text        NOT NULL,
    added_at    timestamptz NOT NULL,
    PRIMARY KEY (alert_id, fact_id)
);

CREATE INDEX alert_evidence_fact ON alert_evidence (fact_id);

CREATE TABLE alert_recipient (
    alert_id    uuid        NOT NULL REFERENCES alert (id),
    staff_id    text        NOT NULL REFERENCES staff (id),
    role        text        NOT NULL,
    reason      text        NOT NULL,
    step        integer     NOT NULL,
    added_at    timestamptz NOT NULL,
    PRIMARY KEY (alert_id, staff_id, step)
);

CREATE INDEX alert_recipient_staff ON alert_recipient (staff_id);

CREATE TABLE alert_history (
    id        bigserial PRIMARY KEY,
    alert_id  uuid        NOT NULL REFERENCES alert (id),
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    action    text        NOT NULL,
    note      text
);

CREATE INDEX alert_history_alert ON alert_history (alert_id, id);

-- A programme's own thresholds where they differ from the rule set's defaults (rules/thresholds.yaml).
CREATE TABLE programme_threshold (
    programme_id  text             NOT NULL REFERENCES programme (id),
    key           text             NOT NULL,
    value         double precision NOT NULL,
    PRIMARY KEY (programme_id, key)
);

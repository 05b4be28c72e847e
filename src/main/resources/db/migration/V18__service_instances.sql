-- Several instances of the service on one database. Each records itself and the rule-set version
-- it runs, and beats while it lives: one whose beat is older than the lease has stopped or died.
CREATE TABLE service_instance (
    id               text PRIMARY KEY,
    rule_set_version text        NOT NULL,
    started_at       timestamptz NOT NULL,
    heartbeat_at     timestamptz NOT NULL
);

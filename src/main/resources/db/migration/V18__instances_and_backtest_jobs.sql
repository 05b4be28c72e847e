-- Several instances of the service on one database. Each records itself and the rule-set version
-- it runs, and beats while it lives: one whose beat is older than the lease has stopped or died.
CREATE TABLE service_instance (
    id               text PRIMARY KEY,
    rule_set_version text        NOT NULL,
    started_at       timestamptz NOT NULL,
    heartbeat_at     timestamptz NOT NULL
);

-- Backtests and their answers, so that any instance answers for a backtest another one runs. The
-- instance running one beats on its row; a running backtest whose beat is older than the lease is
-- reported as failed, its instance gone. A cancel asked on any instance is seen by the running one
-- at its next check. Finished backtests are removed after a while: an answer holds participant-level
-- detail and is easily run again.
CREATE TABLE backtest_job (
    id               uuid PRIMARY KEY,
    owner_id         text        NOT NULL,
    programmes       text[]      NOT NULL,
    instance_id      text        NOT NULL,
    request          jsonb       NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    state            text        NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'CANCELLED', 'FAILED')),
    total            integer     NOT NULL,
    done             integer     NOT NULL DEFAULT 0,
    cancel_asked     boolean     NOT NULL DEFAULT false,
    heartbeat_at     timestamptz NOT NULL,
    result           jsonb,
    CHECK ((state = 'DONE') = (result IS NOT NULL))
);

CREATE INDEX backtest_job_owner ON backtest_job (owner_id, started_at DESC);
CREATE INDEX backtest_job_running ON backtest_job (state) WHERE state = 'RUNNING';

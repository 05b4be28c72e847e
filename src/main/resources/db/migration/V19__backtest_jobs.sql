-- Backtests and their answers, so that every instance of the service answers for every backtest:
-- its progress, its answer, a cancel asked through any of them (cancel_requested, which the
-- instance running it reads between batches and at every beat). A finished backtest is deleted
-- after a while (saathi.backtest.keep and kept): its answer holds participant-level detail.
--
-- A backtest being set up (its candidates compiling) is a STARTING row, never read as a backtest:
-- it is the service's one place for a backtest. Only one row may be STARTING or RUNNING at a time,
-- whichever instance holds it, since every backtest reads the one database the live service uses.
-- The instance running it beats on its row; one whose beat is older than the lease
-- (saathi.backtest.lease) has stopped or died, and its backtest is taken over as FAILED, so that it
-- does not hold the place forever.
CREATE TABLE backtest_job (
    id               uuid PRIMARY KEY,
    owner            text        NOT NULL,
    programmes       text[]      NOT NULL,
    request          jsonb       NOT NULL,
    state            text        NOT NULL CHECK (state IN ('STARTING', 'RUNNING', 'DONE', 'CANCELLED', 'FAILED')),
    participants     integer     NOT NULL CHECK (participants >= 0),
    done             integer     NOT NULL DEFAULT 0 CHECK (done >= 0),
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    result           jsonb,
    failure          text,
    cancel_requested boolean     NOT NULL DEFAULT false,
    instance         text        NOT NULL,
    heartbeat_at     timestamptz NOT NULL,
    CHECK ((finished_at IS NULL) = (state IN ('STARTING', 'RUNNING'))),
    CHECK (result IS NULL OR state = 'DONE')
);

CREATE UNIQUE INDEX backtest_job_one_at_a_time ON backtest_job ((true)) WHERE state IN ('STARTING', 'RUNNING');
CREATE INDEX backtest_job_owner ON backtest_job (owner, started_at DESC);
CREATE INDEX backtest_job_finished ON backtest_job (finished_at) WHERE finished_at IS NOT NULL;

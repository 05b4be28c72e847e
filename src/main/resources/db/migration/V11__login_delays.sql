-- Failed logins are counted per account and source address, so that guesses from one address
-- delay that address only and the staff member still signs in from their own. After the allowed
-- failures the address is refused for that account until refused_until, a delay that doubles
-- with every further failure. A success from the address removes its row.
CREATE TABLE login_failure (
    staff_id        text        NOT NULL REFERENCES account (staff_id) ON DELETE CASCADE,
    remote_address  text        NOT NULL,
    failures        integer     NOT NULL,
    refused_until   timestamptz,
    PRIMARY KEY (staff_id, remote_address)
);

-- Failed and refused logins of the current minute, counted here instead of one audit row each;
-- when the minute is over, one audit row per account and minute summarises them and these rows
-- go. Kept in a table, not in memory, so a crash loses no count and every instance adds to it.
CREATE TABLE login_failure_tally (
    actor           text        NOT NULL,
    minute          timestamptz NOT NULL,
    remote_address  text        NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('WRONG_PASSWORD', 'REFUSED')),
    channel         text        NOT NULL,
    attempts        integer     NOT NULL,
    PRIMARY KEY (actor, minute, remote_address, channel, outcome)
);

-- The lock of the whole account is gone: a lock anyone could set by typing a staff id.
ALTER TABLE account DROP COLUMN failed_logins;
ALTER TABLE account DROP COLUMN locked_until;

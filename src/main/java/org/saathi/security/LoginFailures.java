package org.saathi.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed logins per account and source address. Guessing from one address delays that address
 * only, for longer with every further failure, so that nobody can lock a staff member out by
 * typing their id: the staff member still signs in from their own address.
 */
@Component
class LoginFailures {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final LoginSettings settings;
    private final Clock clock;

    LoginFailures(JdbcClient jdbc, TransactionTemplate transaction, LoginSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes an attempt before the password is checked, counted as failed until {@link #succeeded}
     * says otherwise, so that guesses sent at once cannot all be checked before the first failures
     * are counted. Answers the failures from that address so far with this one, or empty when the
     * address is refused for the account (or there is no such account).
     *
     * <p>The count is committed without waiting for the disk: a count lost in a crash of the machine
     * costs nothing, and waiting for the disk would make a login to an existing account measurably
     * slower than one to an unknown id, which writes nothing here.
     */
    OptionalInt take(String staffId, String address) {
        return transaction.execute(status -> {
            jdbc.sql("SET LOCAL synchronous_commit = off").update();
            return count(staffId, address, clock.instant());
        });
    }

    private OptionalInt count(String staffId, String address, Instant now) {
        return jdbc.sql("""
                        INSERT INTO login_failure (staff_id, remote_address, failures, refused_until)
                        SELECT staff_id, :address, 1, CASE WHEN 1 >= :limit THEN CAST(:now AS timestamptz)
                                   + make_interval(secs => least(:first, :longest)) END
                        FROM account WHERE staff_id = :id
                        ON CONFLICT (staff_id, remote_address) DO UPDATE
                        SET failures = login_failure.failures + 1,
                            refused_until = CASE WHEN login_failure.failures + 1 >= :limit THEN CAST(:now AS timestamptz)
                                + make_interval(secs => least(:first * power(2, least(login_failure.failures + 1 - :limit, 30)),
                                                              :longest)) END
                        WHERE login_failure.refused_until IS NULL OR login_failure.refused_until <= :now
                        RETURNING failures""")
                .param("id", staffId).param("address", address).param("now", Timestamp.from(now))
                .param("limit", settings.failuresBeforeLockout())
                .param("first", (double) settings.firstLockout().toMillis() / 1000)
                .param("longest", (double) settings.lockout().toMillis() / 1000)
                .query(Integer.class).optional().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** The password was right: failures from that address no longer count. */
    void succeeded(String staffId, String address) {
        jdbc.sql("DELETE FROM login_failure WHERE staff_id = :id AND remote_address = :address")
                .param("id", staffId).param("address", address).update();
    }

    /** Forgets an account's failures from every address; answers whether there were any. */
    boolean clear(String staffId) {
        return jdbc.sql("DELETE FROM login_failure WHERE staff_id = :id").param("id", staffId).update() > 0;
    }

    /** Until when some address is refused for the account; empty when none is. */
    Optional<Instant> refusedUntil(String staffId) {
        return jdbc.sql("SELECT max(refused_until) FROM login_failure WHERE staff_id = :id AND refused_until > :now")
                .param("id", staffId).param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }
}

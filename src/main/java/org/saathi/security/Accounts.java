package org.saathi.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Staff logins: a password hash per staff member who may log in; roles come from the roster. */
@Service
public class Accounts implements UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final StaffDirectory staff;
    private final Clock clock;

    Accounts(JdbcClient jdbc, PasswordEncoder passwords, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.staff = staff;
        this.clock = clock;
    }

    /** Sets or replaces a staff member's password, which also lifts a lock-out; call within the transaction that saves the staff member. */
    public void setPassword(String staffId, String rawPassword) {
        jdbc.sql("""
                        INSERT INTO account (staff_id, password_hash, updated_at) VALUES (:id, :hash, :now)
                        ON CONFLICT (staff_id) DO UPDATE SET password_hash = excluded.password_hash,
                                                             updated_at = excluded.updated_at,
                                                             failed_logins = 0, locked_until = NULL""")
                .param("id", staffId)
                .param("hash", passwords.encode(rawPassword))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** What {@link #takeAttempt} found. */
    enum Attempt { TAKEN, LOCKED, NO_ACCOUNT }

    /**
     * Takes one of an account's remaining attempts before its password is checked, so that guesses
     * sent at once cannot all be checked before the first failures are counted: once the limit is
     * reached, further attempts are refused as locked without a look at the password.
     */
    Attempt takeAttempt(String staffId, LoginSettings settings) {
        Timestamp now = Timestamp.from(clock.instant());
        boolean taken = jdbc.sql("""
                        UPDATE account SET failed_logins = failed_logins + 1
                        WHERE staff_id = :id AND (locked_until IS NULL OR locked_until <= :now)
                          AND failed_logins < :limit
                        RETURNING staff_id""")
                .param("id", staffId).param("now", now).param("limit", settings.failuresBeforeLockout())
                .query(String.class).optional().isPresent();
        return taken ? Attempt.TAKEN : canLogIn(staffId) ? Attempt.LOCKED : Attempt.NO_ACCOUNT;
    }

    /** The attempt taken was a wrong password; answers whether that used up the last one and locked the account. */
    boolean attemptFailed(String staffId, LoginSettings settings) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE account SET locked_until = :until, failed_logins = 0
                        WHERE staff_id = :id AND failed_logins >= :limit
                          AND (locked_until IS NULL OR locked_until <= :now)""")
                .param("id", staffId).param("limit", settings.failuresBeforeLockout())
                .param("until", Timestamp.from(now.plus(settings.lockout()))).param("now", Timestamp.from(now))
                .update() > 0;
    }

    /** The password was right: the failures before it no longer count. */
    void attemptSucceeded(String staffId) {
        jdbc.sql("UPDATE account SET failed_logins = 0 WHERE staff_id = :id AND failed_logins > 0")
                .param("id", staffId).update();
    }

    /** Lifts a lock-out at an admin's word, without changing the password. */
    public boolean unlock(String staffId) {
        return jdbc.sql("""
                        UPDATE account SET locked_until = NULL, failed_logins = 0
                        WHERE staff_id = :id AND (locked_until IS NOT NULL OR failed_logins > 0)""")
                .param("id", staffId).update() > 0;
    }

    /** Until when a staff member's account is locked after failed logins; empty when it is not. */
    public Optional<Instant> lockedUntil(String staffId) {
        return login(staffId).flatMap(Login::lockedUntil).filter(clock.instant()::isBefore);
    }

    /**
     * What a session was opened with: the password's last change and the roles. When either
     * changes, or the staff member is deactivated (no stamp at all), sessions opened before end
     * ({@link StaleSessions}).
     */
    Optional<String> stamp(String staffId) {
        return jdbc.sql("""
                        SELECT a.updated_at, array_to_string(ARRAY(SELECT unnest(s.roles) ORDER BY 1), ',') AS roles
                        FROM account a JOIN staff s ON s.id = a.staff_id
                        WHERE a.staff_id = :id AND s.deactivated_at IS NULL""")
                .param("id", staffId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant() + "|" + rs.getString(2))
                .optional();
    }

    public boolean canLogIn(String staffId) {
        return login(staffId).isPresent();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Login login = login(username).orElseThrow(() -> new UsernameNotFoundException("no login"));
        Set<StaffRole> roles = staff.rolesOf(username).orElseThrow(() -> new UsernameNotFoundException("no staff"));
        return User.withUsername(username)
                .password(login.hash())
                .accountLocked(login.lockedUntil().filter(clock.instant()::isBefore).isPresent())
                .authorities(roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList())
                .build();
    }

    private record Login(String hash, Optional<Instant> lockedUntil) {
    }

    /** A deactivated staff member has no login: refused exactly as an unknown name, so nothing is told. */
    private Optional<Login> login(String staffId) {
        return jdbc.sql("""
                        SELECT a.password_hash, a.locked_until FROM account a JOIN staff s ON s.id = a.staff_id
                        WHERE a.staff_id = :id AND s.deactivated_at IS NULL""")
                .param("id", staffId)
                .query((rs, row) -> new Login(rs.getString(1),
                        Optional.ofNullable(rs.getTimestamp(2)).map(Timestamp::toInstant)))
                .optional();
    }
}

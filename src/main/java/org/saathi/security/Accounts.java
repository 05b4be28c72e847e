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

    /**
     * Counts a failed login against an existing account and locks it once too many have failed in a
     * row. Answers whether this failure locked it.
     */
    boolean recordFailure(String staffId, LoginSettings settings) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE account SET
                            failed_logins = CASE WHEN failed_logins + 1 >= :limit THEN 0 ELSE failed_logins + 1 END,
                            locked_until = CASE WHEN failed_logins + 1 >= :limit THEN :until ELSE locked_until END
                        WHERE staff_id = :id
                        RETURNING coalesce(locked_until = :until, false)""")
                .param("id", staffId).param("limit", settings.failuresBeforeLockout())
                .param("until", Timestamp.from(now.plus(settings.lockout())))
                .query(Boolean.class).optional().orElse(false);
    }

    void recordSuccess(String staffId) {
        jdbc.sql("UPDATE account SET failed_logins = 0 WHERE staff_id = :id AND failed_logins > 0")
                .param("id", staffId).update();
    }

    /** Until when a staff member's account is locked after failed logins; empty when it is not. */
    public Optional<Instant> lockedUntil(String staffId) {
        return login(staffId).flatMap(Login::lockedUntil).filter(clock.instant()::isBefore);
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

    private Optional<Login> login(String staffId) {
        return jdbc.sql("SELECT password_hash, locked_until FROM account WHERE staff_id = :id")
                .param("id", staffId)
                .query((rs, row) -> new Login(rs.getString(1),
                        Optional.ofNullable(rs.getTimestamp(2)).map(Timestamp::toInstant)))
                .optional();
    }
}

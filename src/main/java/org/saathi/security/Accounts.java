package org.saathi.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import java.util.stream.Collectors;
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
    private final LoginFailures failures;
    private final Clock clock;

    Accounts(JdbcClient jdbc, PasswordEncoder passwords, StaffDirectory staff, LoginFailures failures, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.staff = staff;
        this.failures = failures;
        this.clock = clock;
    }

    /** Sets or replaces a staff member's password, which also lifts a lock-out; call within the transaction that saves the staff member. */
    public void setPassword(String staffId, String rawPassword) {
        jdbc.sql("""
                        INSERT INTO account (staff_id, password_hash, updated_at) VALUES (:id, :hash, :now)
                        ON CONFLICT (staff_id) DO UPDATE SET password_hash = excluded.password_hash,
                                                             updated_at = excluded.updated_at""")
                .param("id", staffId)
                .param("hash", passwords.encode(rawPassword))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        failures.clear(staffId);
    }

    /** Lifts the lock-out of every address at an admin's word, without changing the password. */
    public boolean unlock(String staffId) {
        return failures.clear(staffId);
    }

    /** Until when some source address is refused for the staff member after failed logins; empty when none is. */
    public Optional<Instant> lockedUntil(String staffId) {
        return failures.refusedUntil(staffId);
    }

    /**
     * What a session was opened with: the password's last change and the roles. When either
     * changes, or the staff member is deactivated (no stamp at all), sessions opened before end
     * ({@link StaleSessions}).
     */
    Optional<String> stamp(String staffId) {
        Optional<Set<StaffRole>> roles = staff.activeRolesOf(staffId);
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        String names = roles.get().stream().map(StaffRole::name).sorted().collect(Collectors.joining(","));
        return jdbc.sql("SELECT updated_at FROM account WHERE staff_id = :id")
                .param("id", staffId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant() + "|" + names)
                .optional();
    }

    public boolean canLogIn(String staffId) {
        return login(staffId).isPresent();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Login login = login(username).orElseThrow(() -> new UsernameNotFoundException("no login"));
        return User.withUsername(username)
                .password(login.hash())
                .authorities(login.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList())
                .build();
    }

    private record Login(String hash, Set<StaffRole> roles) {
    }

    /** A deactivated staff member has no login: refused exactly as an unknown name, so nothing is told. */
    private Optional<Login> login(String staffId) {
        Optional<Set<StaffRole>> roles = staff.activeRolesOf(staffId);
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT password_hash FROM account WHERE staff_id = :id")
                .param("id", staffId)
                .query((rs, row) -> new Login(rs.getString(1), roles.get()))
                .optional();
    }
}

package org.saathi.security;

import java.sql.Timestamp;
import java.time.Clock;
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

    /** Sets or replaces a staff member's password; call within the transaction that saves the staff member. */
    public void setPassword(String staffId, String rawPassword) {
        jdbc.sql("""
                        INSERT INTO account (staff_id, password_hash, updated_at) VALUES (:id, :hash, :now)
                        ON CONFLICT (staff_id) DO UPDATE SET password_hash = excluded.password_hash,
                                                             updated_at = excluded.updated_at""")
                .param("id", staffId)
                .param("hash", passwords.encode(rawPassword))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    public boolean canLogIn(String staffId) {
        return passwordHash(staffId).isPresent();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String hash = passwordHash(username).orElseThrow(() -> new UsernameNotFoundException("no login"));
        Set<StaffRole> roles = staff.rolesOf(username).orElseThrow(() -> new UsernameNotFoundException("no staff"));
        return User.withUsername(username)
                .password(hash)
                .authorities(roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList())
                .build();
    }

    private Optional<String> passwordHash(String staffId) {
        return jdbc.sql("SELECT password_hash FROM account WHERE staff_id = :id")
                .param("id", staffId).query(String.class).optional();
    }
}

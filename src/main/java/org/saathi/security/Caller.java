package org.saathi.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who sent the current request: a staff member (by staff id) or an integration (by key id).
 *
 * @param name the staff id, or the key's name, used as the default source of facts
 * @param programme the one programme an integration key serves; empty for staff, whose reach is their
 *        roles', and for a key an admin made for the whole deployment
 */
public record Caller(Kind kind, String id, String name, Set<String> authorities, Optional<String> programme) {

    public enum Kind { STAFF, INTEGRATION }

    public Caller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        authorities = Set.copyOf(authorities);
        Objects.requireNonNull(programme, "programme");
    }

    public Caller(Kind kind, String id, String name, Set<String> authorities) {
        this(kind, id, name, authorities, Optional.empty());
    }

    public static Caller of(Authentication authentication) {
        if (authentication instanceof ApiKeyAuthentication key) {
            return key.caller();
        }
        Set<String> authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return new Caller(Kind.STAFF, authentication.getName(), authentication.getName(), authorities);
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }

    /** Whether this caller may touch participants and groups of the programme: not so a key of another one. */
    public boolean reaches(String programmeId) {
        return programme.isEmpty() || programme.get().equals(programmeId);
    }

    public boolean hasRole(StaffRole role) {
        return authorities.contains(role.authority());
    }

    /** A stable key for per-client bookkeeping such as idempotency keys. */
    public String clientKey() {
        return (isStaff() ? "staff:" : "key:") + id;
    }
}

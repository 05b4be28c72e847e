package org.saathi.roster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.saathi.security.StaffRole;

/**
 * A staff member as the API shows them: never with a password or its hash.
 *
 * @param deactivatedAt when an admin switched them off; null while active
 * @param handover for a deactivated staff member, what they leave behind; null while active
 */
public record StaffMember(String id, String name, String email, String phone, Set<StaffRole> roles, String programmeId,
        List<String> channels, boolean canLogIn, boolean active, Instant deactivatedAt, Handover handover,
        Instant createdAt, Instant updatedAt) {

    /**
     * What a deactivated staff member leaves behind for an admin: the keys they made, which still
     * work until revoked, and the participants who need someone new.
     */
    public record Handover(List<KeyMade> apiKeys, List<Assignment> participants) {
    }

    /** A key by its id and prefix, never the key itself. */
    public record KeyMade(UUID id, String name, String prefix, Optional<String> programmeId) {
    }
}

package org.saathi.roster;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.saathi.security.StaffRole;

/** A staff member as the API shows them: never with a password or its hash. */
public record StaffMember(String id, String name, String email, String phone, Set<StaffRole> roles, String programmeId,
        List<String> channels, boolean canLogIn, Instant createdAt, Instant updatedAt) {
}

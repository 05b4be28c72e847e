package org.saathi.roster;

import java.util.List;

import org.saathi.security.StaffRole;

/** A participant a staff member is assigned to, and in which roles. */
public record Assignment(String participantId, List<StaffRole> roles) {
}

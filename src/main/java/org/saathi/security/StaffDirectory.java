package org.saathi.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The roster as logins and keys need it, so that security reads no table of the roster's.
 * Implemented by the roster.
 */
public interface StaffDirectory {

    /** The roles of a staff member who is active; empty for one deactivated, or for no such staff member. */
    Optional<Set<StaffRole>> activeRolesOf(String staffId);

    /** The programme a staff member belongs to. */
    Optional<String> programmeOf(String staffId);

    /** Every programme's id, in order. */
    List<String> programmeIds();
}

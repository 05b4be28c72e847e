package org.saathi.security;

import java.util.Optional;
import java.util.Set;

/** The roster as login needs it: which roles a staff member holds. Implemented by the roster. */
public interface StaffDirectory {

    Optional<Set<StaffRole>> rolesOf(String staffId);
}

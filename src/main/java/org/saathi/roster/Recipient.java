package org.saathi.roster;

import org.saathi.facts.Role;

/** A person asked to act on an alert, in which role, and why them. */
public record Recipient(String staffId, Role role, String reason) {
}

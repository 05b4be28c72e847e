package org.saathi.security;

/** What a staff member does in the programme, and so what they may see and change. */
public enum StaffRole {
    PEER_MENTOR, COUNSELLOR, SUPERVISOR, ADMIN;

    String authority() {
        return "ROLE_" + name();
    }
}

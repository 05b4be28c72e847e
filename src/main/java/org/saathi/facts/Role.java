package org.saathi.facts;

/** Whom an escalation action reaches, resolved to people through the participant's assignments. */
public enum Role {
    PEER_MENTOR,
    COUNSELLOR,
    /** The participant's supervisor, or every supervisor of the programme when none is assigned. */
    SUPERVISOR,
    /** Every supervisor of the programme. */
    ALL_SUPERVISORS,
    /**
     * The programme's admins; without one, every supervisor and admin of the deployment. Whatever
     * an action names, they are asked when it would otherwise reach no active staff member.
     */
    ADMIN
}

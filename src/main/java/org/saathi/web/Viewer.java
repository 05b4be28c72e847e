package org.saathi.web;

import java.time.ZoneId;

import org.saathi.security.Caller;
import org.saathi.security.StaffRole;

/** The staff member looking at the page: what they may do decides which actions are shown. */
public record Viewer(Caller caller, ZoneId zone) {

    public String id() {
        return caller.id();
    }

    public boolean isAdmin() {
        return caller.hasRole(StaffRole.ADMIN);
    }

    /** Resolving and snoozing are for counsellors and supervisors, as on the API. */
    public boolean mayResolve() {
        return caller.hasRole(StaffRole.COUNSELLOR) || caller.hasRole(StaffRole.SUPERVISOR);
    }

    /** Backtests are for supervisors and admins, as on the API. */
    public boolean mayBacktest() {
        return caller.hasRole(StaffRole.SUPERVISOR) || caller.hasRole(StaffRole.ADMIN);
    }
}

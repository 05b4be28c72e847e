package org.saathi.roster;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Switches a staff member off when they leave, or on again. Switched off, they cannot log in, their
 * open sessions end, and alerts about their participants go to the next role up instead; their
 * assignments stay, so that the gap shows until an admin reassigns them.
 */
@Service
public class StaffActivation {

    private static final Logger log = LoggerFactory.getLogger(StaffActivation.class);

    /** What {@link #setActive} did. */
    public enum Outcome { CHANGED, UNCHANGED, LAST_ADMIN, NO_SUCH_STAFF }

    private final StaffStore staff;
    private final Audit audit;
    private final Clock clock;

    StaffActivation(StaffStore staff, Audit audit, Clock clock) {
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Outcome setActive(Caller admin, String staffId, boolean active) {
        // Every admin row is locked before the count, so two admins switching each other off cannot both pass.
        int activeAdmins = staff.lockAdminsAndCountActive();
        staff.lockForUpdate(staffId);
        Optional<StaffStore.StaffRow> row = staff.find(staffId);
        if (row.isEmpty()) {
            return Outcome.NO_SUCH_STAFF;
        }
        if (!active && row.get().active() && row.get().roles().contains(StaffRole.ADMIN) && activeAdmins <= 1) {
            return Outcome.LAST_ADMIN;
        }
        if (!staff.setDeactivatedAt(staffId, active ? null : clock.instant())) {
            return Outcome.UNCHANGED;
        }
        audit.record(admin, active ? Audit.Action.STAFF_REACTIVATED : Audit.Action.STAFF_DEACTIVATED, null, staffId,
                Map.of("active", new Audit.Change(!active, active)));
        log.info("Staff member {} {} by {}", staffId, active ? "reactivated" : "deactivated", admin.id());
        return Outcome.CHANGED;
    }
}

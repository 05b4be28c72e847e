package org.saathi.roster;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.security.Accounts;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saving a staff member: a role still assigned to participants is kept, someone always remains
 * an admin, and switching a member off hands over what they held.
 */
@Service
class StaffMembers {

    private final StaffStore staff;
    private final ProgrammeStore programmes;
    private final Accounts accounts;
    private final Audit audit;
    private final StaffListing listing;
    private final StaffActivation activation;
    private final Clock clock;

    StaffMembers(StaffStore staff, ProgrammeStore programmes, Accounts accounts, Audit audit, StaffListing listing,
            StaffActivation activation, Clock clock) {
        this.staff = staff;
        this.programmes = programmes;
        this.accounts = accounts;
        this.audit = audit;
        this.listing = listing;
        this.activation = activation;
        this.clock = clock;
    }

    @Transactional
    Saved<StaffMember> save(String id, StaffRequest request, Caller caller) {
        String programmeId = request.programmeId() == null ? ProgrammeStore.DEFAULT : request.programmeId();
        programmes.require("programmeId", programmeId);
        if (request.password() != null && request.password().getBytes(StandardCharsets.UTF_8).length > 72) {
            throw ApiProblem.invalid("password", "must be at most 72 bytes in UTF-8");
        }
        Set<StaffRole> roles = EnumSet.copyOf(request.roles());
        // Lock first: an assignment in flight holds a share lock and must finish before we look.
        staff.lockForUpdate(id);
        Set<StaffRole> dropped = staff.rolesInUse(id);
        dropped.removeAll(roles);
        if (!dropped.isEmpty()) {
            throw ApiProblem.unprocessable("role-in-use", "Role still in use",
                    "The staff member is still assigned to participants in a role this request removes.",
                    List.of(new FieldProblem("roles", "must keep " + dropped + " while participants are assigned")));
        }
        List<String> channels = request.channels() == null ? List.of()
                : request.channels().stream().distinct().map(Channel::name).toList();
        if (channels.contains("EMAIL") && request.email() == null) {
            throw ApiProblem.invalid("email", "is needed to reach this staff member by EMAIL");
        }
        if (channels.contains("WEBHOOK") && request.phone() == null) {
            throw ApiProblem.invalid("phone", "is needed to reach this staff member by WEBHOOK (SMS)");
        }
        if (!roles.contains(StaffRole.ADMIN) && staff.find(id).map(row -> row.active()
                && row.roles().contains(StaffRole.ADMIN)).orElse(false) && staff.adminCount() == 1) {
            throw lastAdmin("roles", "must keep ADMIN: this is the last admin");
        }
        boolean created = staff.upsert(id, request.name().strip(), request.email(), request.phone(), roles,
                programmeId, channels, clock.instant());
        if (request.password() != null) {
            accounts.setPassword(id, request.password());
        }
        audit.record(caller, Audit.Action.STAFF_SAVED, null, id);
        if (request.active() != null && activation.setActive(caller, id, request.active())
                == StaffActivation.Outcome.LAST_ADMIN) {
            throw lastAdmin("active", "must stay true: this is the last active admin");
        }
        return new Saved<>(listing.member(staff.find(id).orElseThrow()), created);
    }

    StaffMember find(String id) {
        return staff.find(id).map(listing::member)
                .orElseThrow(() -> ApiProblem.notFound("There is no staff member " + id + "."));
    }

    private static ApiProblem lastAdmin(String field, String message) {
        return ApiProblem.unprocessable("last-admin", "Last admin", "Someone must remain able to manage the "
                + "roster and keys.", List.of(new FieldProblem(field, message)));
    }
}

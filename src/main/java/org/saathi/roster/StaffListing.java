package org.saathi.roster;

import java.util.List;

import org.saathi.security.Accounts;
import org.saathi.security.ApiKeys;
import org.springframework.stereotype.Service;

/** Every staff member, for the admin page. */
@Service
public class StaffListing {

    private final StaffStore staff;
    private final Accounts accounts;
    private final ApiKeys keys;

    StaffListing(StaffStore staff, Accounts accounts, ApiKeys keys) {
        this.staff = staff;
        this.accounts = accounts;
        this.keys = keys;
    }

    public List<StaffMember> all() {
        return staff.all().stream().map(this::member).toList();
    }

    StaffMember member(StaffStore.StaffRow row) {
        StaffMember.Handover handover = row.active() ? null : new StaffMember.Handover(
                keys.activeMadeBy(row.id()).stream().map(key -> new StaffMember.KeyMade(key.id(), key.name(),
                        key.prefix(), key.programmeId())).toList(),
                staff.assignmentsOf(row.id()));
        return new StaffMember(row.id(), row.name(), row.email(), row.phone(), row.roles(), row.programmeId(),
                row.channels(), row.active() && accounts.canLogIn(row.id()), row.active(), row.deactivatedAt(),
                handover, row.createdAt(), row.updatedAt());
    }
}

package org.saathi.roster;

import java.util.List;

import org.saathi.security.Accounts;
import org.springframework.stereotype.Service;

/** Every staff member, for the admin page. */
@Service
public class StaffListing {

    private final StaffRepository staff;
    private final Accounts accounts;

    StaffListing(StaffRepository staff, Accounts accounts) {
        this.staff = staff;
        this.accounts = accounts;
    }

    public List<StaffMember> all() {
        return staff.all().stream().map(this::member).toList();
    }

    StaffMember member(StaffRepository.StaffRow row) {
        return new StaffMember(row.id(), row.name(), row.email(), row.phone(), row.roles(), row.programmeId(),
                row.channels(), accounts.canLogIn(row.id()), row.createdAt(), row.updatedAt());
    }
}

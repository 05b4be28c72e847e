package org.saathi.roster;

import java.util.List;
import java.util.Optional;

/**
 * How to reach a staff member: their channels in order of preference (EMAIL, WEBHOOK, LOG), and
 * the addresses those need. A staff member without a chosen channel is e-mailed when they have
 * an address; with neither, there is no way to reach them, which their alerts show.
 */
public record StaffContact(String id, String name, Optional<String> email, Optional<String> phone,
        List<String> channels) {
}

package org.saathi.roster;

import java.util.List;
import java.util.Optional;

/**
 * How to reach a staff member: their channels in order of preference (EMAIL, WEBHOOK, LOG), and
 * the addresses those need. A staff member without a chosen channel is e-mailed when they have
 * an address, otherwise only logged (and shown on the alert as such).
 */
public record StaffContact(String id, String name, Optional<String> email, Optional<String> phone,
        List<String> channels) {
}

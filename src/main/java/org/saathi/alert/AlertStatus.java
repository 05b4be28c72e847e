package org.saathi.alert;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an alert stands: open (nobody has taken it on), acknowledged (someone is on it) or
 * resolved (with an outcome). The database's {@code alert.status} holds these names and checks
 * them; its SQL speaks the same words, which its partial indexes need written out.
 */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    /** The alerts that still need someone: open or acknowledged. */
    public static final Set<AlertStatus> UNRESOLVED = EnumSet.of(OPEN, ACKNOWLEDGED);

    /** What staff may do to an alert, and from which statuses. */
    enum StaffAction {
        ACKNOWLEDGE(EnumSet.of(OPEN)), RESOLVE(UNRESOLVED), SNOOZE(UNRESOLVED);

        private final Set<AlertStatus> from;

        StaffAction(Set<AlertStatus> from) {
            this.from = from;
        }

        boolean allowedFrom(AlertStatus status) {
            return from.contains(status);
        }

        /** The action's past tense in words: acknowledged, resolved, snoozed. */
        String done() {
            return name().toLowerCase(Locale.ROOT) + "d";
        }
    }

    /** The status in words, for a message: open, acknowledged, resolved. */
    String inWords() {
        return name().toLowerCase(Locale.ROOT);
    }
}

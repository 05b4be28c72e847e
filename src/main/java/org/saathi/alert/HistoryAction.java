package org.saathi.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an entry of an alert's history says happened. The database's {@code alert_history.action}
 * holds these names; the API and the pages show them as they are.
 */
public enum HistoryAction {
    /** A new alert: a rule found something no alert of it held. */
    RAISED,
    /** The open alert rose to a higher severity; its recipients were asked again. */
    SEVERITY_RAISED,
    /** New evidence for an open CRITICAL alert; its recipients were asked again. */
    NEW_CRITICAL_EVIDENCE,
    /** New evidence joined the open alert; nobody was asked again. */
    EVIDENCE_ADDED,
    /** The policy asked for a supervisor and the programme has none. */
    NO_SUPERVISOR,
    NOTIFICATIONS_HELD,
    NOTIFICATIONS_RELEASED,
    /** Nobody acknowledged by the deadline: the next step of the ladder was asked. */
    ESCALATED,
    CONDITION_CLEARED,
    CONDITION_BACK,
    ACKNOWLEDGED,
    RESOLVED,
    SNOOZED;

    /** The history entry of what a finding did to its rule's alert. */
    static HistoryAction of(AlertPolicy.Change change) {
        return valueOf(change.name());
    }

    /** Whether the entry is a rule finding something (a signal), rather than what people or the ladder did. */
    public boolean isSignal() {
        return this == RAISED || this == SEVERITY_RAISED || this == EVIDENCE_ADDED;
    }

    /** Whether the alert was raised or rose in severity here. */
    public boolean raisesSeverity() {
        return this == RAISED || this == SEVERITY_RAISED;
    }

    /** Whether recipients were asked with a fresh deadline here: the deadline runs from this entry. */
    public boolean startsDeadline() {
        return this == RAISED || this == SEVERITY_RAISED || this == NEW_CRITICAL_EVIDENCE;
    }

    /** The action a stored entry names; empty for a name this version does not know. */
    public static Optional<HistoryAction> read(String stored) {
        return Arrays.stream(values()).filter(action -> action.name().equals(stored)).findFirst();
    }
}

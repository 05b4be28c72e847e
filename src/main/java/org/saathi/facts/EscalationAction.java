package org.saathi.facts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the escalation policy decided for a signal: whom to notify first, how soon one of them
 * must acknowledge, and whom to notify next when nobody does.
 */
public record EscalationAction(Signal signal, List<Role> recipients, Duration acknowledgeWithin, Role escalateTo) {

    public EscalationAction {
        Objects.requireNonNull(signal, "signal");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an escalation action must notify someone");
        }
        Objects.requireNonNull(acknowledgeWithin, "acknowledgeWithin");
        Objects.requireNonNull(escalateTo, "escalateTo");
    }

    /** For DRL: hours as the programme's threshold gives them, e.g. 0.5 for half an hour. */
    public static EscalationAction of(Signal signal, double acknowledgeWithinHours, Role escalateTo, Role... notify) {
        return new EscalationAction(signal, List.of(notify),
                Duration.ofSeconds(Math.round(acknowledgeWithinHours * 3600)), escalateTo);
    }
}

package org.saathi.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a notification may say about an alert: only what a recipient needs to act. The participant's
 * display name is present only where their programme allows it.
 */
public record AlertNotice(UUID alertId, String participantId, String severity, Event event,
        Duration acknowledgeWithin, Instant acknowledgeBy, ZoneId zone, Optional<String> participantName) {

    public enum Event { RAISED, SEVERITY_RAISED, NEW_EVIDENCE, ESCALATED }

    public AlertNotice {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(event, "event");
    }

    /** A short reference staff can quote on the phone: the first characters of the alert's id. */
    public String reference() {
        return alertId.toString().substring(0, 8);
    }
}

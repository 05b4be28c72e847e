package org.saathi.facts;

import java.time.Instant;
import java.util.Optional;

/**
 * How long since the participant last checked in, counted from their enrolment when they never
 * have. {@code lastCheckIn} is the evidence, when there is one.
 */
public record CheckInGap(String participantId, double hours, Instant since, boolean expectsDailyCheckIn,
        Optional<CheckIn> lastCheckIn) {
}

package org.saathi.facts;

import java.time.Duration;
import java.time.Instant;

/** The moment of evaluation: now in live use, an earlier moment in scenario tests and backtests. */
public record Now(Instant at) {

    /** Whether the instant lies within the given number of days before now. */
    public boolean withinDays(Instant instant, double days) {
        return !instant.isAfter(at) && Duration.between(instant, at).toMinutes() <= days * 24 * 60;
    }
}

package org.saathi.facts;

import java.time.Duration;
import java.time.Instant;

/** The moment of evaluation: now in live use, an earlier moment in scenario tests and backtests. */
public record Now(Instant at) {

    /** Facts may be dated this far ahead of the server's clock, as ingestion allows for drifting devices. */
    public static final Duration DRIFT = Duration.ofMinutes(5);

    /** Whether the instant lies within the given number of days before now (or just after it, by drift). */
    public boolean withinDays(Instant instant, double days) {
        return !instant.isAfter(at.plus(DRIFT)) && Duration.between(instant, at).toMinutes() <= days * 24 * 60;
    }
}

package org.saathi.facts;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a participant had gone without use before a use: from the first check-in saying no use
 * or screen finding none (nothing but their prescription) after their previous use in the window,
 * to the check-in reporting use or the screen finding it ({@code endedBy}, that fact's id). Known
 * only when such a check-in or screen came before the use; counted in elapsed days, so that time
 * zones do not move it.
 */
public record PeriodWithoutUse(String participantId, String endedBy, Instant from, Instant to) {

    /** Elapsed days, with their fraction. */
    public double days() {
        return Duration.between(from, to).toMinutes() / (24.0 * 60);
    }

    /** Whole elapsed days, as an explanation says them. */
    public long wholeDays() {
        return Duration.between(from, to).toDays();
    }
}

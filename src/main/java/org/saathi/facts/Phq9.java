package org.saathi.facts;

import java.time.Instant;

/** A PHQ-9 depression screening: total 0–27 and item 9, which asks about thoughts of self-harm. */
public record Phq9(String id, String participantId, Instant at, int total, int item9) implements Fact {

    @Override
    public String type() {
        return "SCREENING";
    }

    @Override
    public String summary() {
        return "PHQ-9 total " + total + ", item 9: " + item9;
    }
}

package org.saathi.facts;

import java.time.Instant;
import java.util.List;

/** A PHQ-9 depression screening: total 0–27 and item 9, which asks about thoughts of self-harm. */
public record Phq9(String id, String participantId, Instant at, int total, int item9) implements Fact {

    /** Nine items, each answered 0 (not at all) to 3 (nearly every day). */
    public static final int ITEMS = 9;
    public static final int HIGHEST_ANSWER = 3;

    public static Phq9 of(String id, String participantId, Instant at, List<Integer> items) {
        if (items.size() != ITEMS) {
            throw new IllegalArgumentException("a PHQ-9 has 9 items");
        }
        return new Phq9(id, participantId, at, items.stream().mapToInt(Integer::intValue).sum(), items.get(8));
    }

    @Override
    public String type() {
        return "SCREENING";
    }

    @Override
    public String summary() {
        return "PHQ-9 total " + total + ", item 9: " + item9;
    }
}

package org.saathi.facts;

import java.time.Instant;
import java.util.List;

/**
 * A Brief Addiction Monitor: Use, Risk and Protective subscales of its seventeen items (0–4 each):
 * Use = items 4+5+6, Risk = 1+2+3+8+11+15, Protective = 9+10+12+13+14+16.
 */
public record Bam(String id, String participantId, Instant at, int use, int risk, int protective) implements Fact {

    public static Bam of(String id, String participantId, Instant at, List<Integer> items) {
        if (items.size() != 17) {
            throw new IllegalArgumentException("a BAM has 17 items");
        }
        return new Bam(id, participantId, at, sum(items, 4, 5, 6), sum(items, 1, 2, 3, 8, 11, 15),
                sum(items, 9, 10, 12, 13, 14, 16));
    }

    private static int sum(List<Integer> items, int... oneBasedItems) {
        int sum = 0;
        for (int item : oneBasedItems) {
            sum += items.get(item - 1);
        }
        return sum;
    }

    @Override
    public String type() {
        return "SCREENING";
    }

    @Override
    public String summary() {
        return "BAM use " + use + ", risk " + risk + ", protective " + protective;
    }
}

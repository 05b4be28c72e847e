package org.saathi.facts;

import java.time.Instant;

/** A Brief Addiction Monitor: Use, Risk and Protective subscales. */
public record Bam(String id, String participantId, Instant at, int use, int risk, int protective) implements Fact {

    @Override
    public String type() {
        return "SCREENING";
    }

    @Override
    public String summary() {
        return "BAM use " + use + ", risk " + risk + ", protective " + protective;
    }
}

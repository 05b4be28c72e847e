package org.saathi.facts;

import java.time.Instant;

/** A drug screen's result. Which substances were found stays in the record, not in rules or alerts. */
public record DrugScreen(String id, String participantId, Instant at, boolean positive) implements Fact {

    @Override
    public String type() {
        return "SCREENING";
    }

    @Override
    public String summary() {
        return positive ? "drug screen positive" : "drug screen negative";
    }
}

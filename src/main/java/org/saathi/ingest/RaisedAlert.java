package org.saathi.ingest;

import java.time.Instant;
import java.util.UUID;

/** An alert that a fact raised or added evidence to, as an ingest answer lists it. */
public record RaisedAlert(UUID id, String participantId, String ruleId, String ruleName, String severity,
        String status, Instant raisedAt, Instant ackDueAt) {
}

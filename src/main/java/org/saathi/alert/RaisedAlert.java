package org.saathi.alert;

import java.time.Instant;
import java.util.UUID;

/** An alert that an evaluation raised or added evidence to, as the answer to the fact that triggered it lists it. */
public record RaisedAlert(UUID id, String participantId, String ruleId, String ruleName, String severity,
        String status, Instant raisedAt, Instant ackDueAt) {
}

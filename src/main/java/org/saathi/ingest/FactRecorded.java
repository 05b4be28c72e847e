package org.saathi.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A fact that was just stored for a participant, handed to evaluation in the same transaction. */
public record FactRecorded(String participantId, FactType type, UUID factId, Instant at) {

    public FactRecorded {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factId, "factId");
        Objects.requireNonNull(at, "at");
    }
}

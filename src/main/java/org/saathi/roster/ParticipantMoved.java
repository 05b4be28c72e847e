package org.saathi.roster;

import java.util.Objects;

/** A participant moved from one programme to another, published within the transaction that moves them. */
public record ParticipantMoved(String participantId, String fromProgrammeId, String toProgrammeId) {

    public ParticipantMoved {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(fromProgrammeId, "fromProgrammeId");
        Objects.requireNonNull(toProgrammeId, "toProgrammeId");
    }
}

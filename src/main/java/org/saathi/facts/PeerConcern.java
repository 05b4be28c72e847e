package org.saathi.facts;

import java.time.Instant;

/** Warning signs reported by a peer or a staff member. */
public record PeerConcern(String id, String participantId, Instant at, ConcernLevel level, String reportedBy)
        implements Fact {

    @Override
    public String type() {
        return "PEER_CONCERN";
    }

    @Override
    public String summary() {
        return "peer concern, " + level.name().toLowerCase(java.util.Locale.ROOT) + ", reported by " + reportedBy;
    }
}

package org.saathi.facts;

import java.time.Instant;

/** Warning signs reported by a peer or a staff member; a report that does not say what about is OTHER. */
public record PeerConcern(String id, String participantId, Instant at, ConcernLevel level, ConcernCategory category,
        String reportedBy) implements Fact {

    public PeerConcern {
        category = category == null ? ConcernCategory.OTHER : category;
    }

    @Override
    public String type() {
        return "PEER_CONCERN";
    }

    @Override
    public String summary() {
        return "peer concern (" + Explain.words(category.name()) + "), " + Explain.words(level.name())
                + ", reported by " + reportedBy;
    }
}

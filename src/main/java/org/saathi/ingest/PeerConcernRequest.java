package org.saathi.ingest;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;
import org.saathi.facts.ConcernLevel;

/** Warning signs seen by a peer or a staff member. Staff may leave {@code reportedBy} out: it is them. */
record PeerConcernRequest(
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String participantId,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String reportedBy,
        @NotNull OffsetDateTime observedAt,
        @NotNull ConcernLevel level,
        @Size(max = 2000) String note) {
}

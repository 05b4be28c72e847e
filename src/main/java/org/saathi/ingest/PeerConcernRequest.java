package org.saathi.ingest;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;
import org.saathi.facts.ConcernCategory;
import org.saathi.facts.ConcernLevel;
import org.saathi.facts.Fact;

/**
 * Warning signs seen by a peer or a staff member. Staff may leave {@code reportedBy} out: it is them.
 * A concern sent without {@code category}, as integrations written before it did, is OTHER.
 */
record PeerConcernRequest(
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String participantId,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String reportedBy,
        @NotNull OffsetDateTime observedAt,
        @NotNull ConcernLevel level,
        @Schema(description = "What the concern is about; OTHER when left out. SELF_HARM (talk of suicide or "
                + "self-harm, or such behaviour) raises a CRITICAL alert whatever the level.",
                defaultValue = "OTHER") ConcernCategory category,
        @Size(max = Fact.LONGEST_NOTE) String note) {

    PeerConcernRequest {
        category = category == null ? ConcernCategory.OTHER : category;
    }
}

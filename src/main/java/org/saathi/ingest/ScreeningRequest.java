package org.saathi.ingest;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;

/**
 * A screening result: PHQ-9 or BAM item answers, or a drug screen's outcome. Which fields are
 * required depends on the instrument; see {@link ScreeningScores#of}. A BAM's {@code items} are its
 * 23 answers in the form's order and ranges ({@link org.saathi.facts.BamItem}), null where the form
 * skips a question.
 */
record ScreeningRequest(
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String participantId,
        @NotNull Instrument instrument,
        @NotNull OffsetDateTime recordedAt,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String source,
        @Size(max = 23) List<Integer> items,
        Boolean positive,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> substances) {

    enum Instrument { PHQ9, BAM, DRUG_SCREEN }
}

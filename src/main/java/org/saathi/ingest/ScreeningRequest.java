package org.saathi.ingest;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.Instrument;

/**
 * A screening result: PHQ-9 or BAM item answers, or a drug screen's outcome. Which fields are
 * required depends on the instrument; see {@link ScreeningScores#of}. A BAM's {@code items} are its
 * 23 answers in the form's order and ranges ({@link org.saathi.facts.BamItem}), null where the form
 * skips a question.
 * A drug screen's {@code confirmed}
 * left out is read as confirmed, as every screen was before it could be said: the higher severity, so
 * that a sender who does not say loses no warning. It is left out of the stored request's hash when
 * not given, so that a screen sent again as before is still the same screen.
 */
record ScreeningRequest(
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String participantId,
        @NotNull Instrument instrument,
        @NotNull OffsetDateTime recordedAt,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String source,
        @Size(max = 23) List<Integer> items,
        Boolean positive,
        @Size(max = DrugScreen.MOST_SUBSTANCES)
        List<@NotBlank @Size(max = DrugScreen.LONGEST_SUBSTANCE) String> substances,
        @Schema(description = "DRUG_SCREEN only: false for an immunoassay's presumptive positive not yet "
                + "confirmed by a laboratory test (a WARNING that asks for confirmation), true for a confirmed "
                + "one; read as true when left out.", defaultValue = "true")
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean confirmed) {

    /** Whether a positive is an unconfirmed presumptive result; not saying is confirmed. */
    boolean presumptive() {
        return Boolean.FALSE.equals(confirmed);
    }
}

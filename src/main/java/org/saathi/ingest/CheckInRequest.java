package org.saathi.ingest;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;
import org.saathi.facts.CheckIn;
import org.saathi.facts.Fact;

/**
 * A daily self-report. Craving and mood are required; the rest is optional because not every
 * programme asks it, and an unanswered question must not read as "no".
 */
record CheckInRequest(
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String participantId,
        @NotNull OffsetDateTime recordedAt,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String source,
        @NotNull @Min(CheckIn.LEAST_CRAVING) @Max(CheckIn.MOST_CRAVING) Integer craving,
        @NotNull @Min(CheckIn.LEAST_MOOD) @Max(CheckIn.MOST_MOOD) Integer mood,
        @Min(CheckIn.LEAST_STRESS) @Max(CheckIn.MOST_STRESS) Integer stress,
        @Min(CheckIn.LEAST_SLEEP_HOURS) @Max(CheckIn.MOST_SLEEP_HOURS) Double sleepHours,
        Boolean usedSubstance,
        Boolean medicationTaken,
        @Size(max = CheckIn.MOST_TRIGGERS) List<@NotBlank @Size(max = CheckIn.LONGEST_TRIGGER) String> triggers,
        @Size(max = Fact.LONGEST_NOTE) String note) {
}

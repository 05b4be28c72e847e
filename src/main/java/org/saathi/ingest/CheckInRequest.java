package org.saathi.ingest;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;

/**
 * A daily self-report. Craving and mood are required; the rest is optional because not every
 * programme asks it, and an unanswered question must not read as "no".
 */
record CheckInRequest(
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String participantId,
        @NotNull OffsetDateTime recordedAt,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String source,
        @NotNull @Min(0) @Max(10) Integer craving,
        @NotNull @Min(1) @Max(10) Integer mood,
        @Min(0) @Max(10) Integer stress,
        @DecimalMin("0") @DecimalMax("24") Double sleepHours,
        Boolean usedSubstance,
        Boolean medicationTaken,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> triggers,
        @Size(max = 2000) String note) {
}

package org.saathi.roster;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;

/** A group as staff or a roster integration describe it; the programme is the default one when left out. */
record GroupRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull TherapyGroup.Type type,
        @NotNull TherapyGroup.Audience audience,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String programmeId) {
}

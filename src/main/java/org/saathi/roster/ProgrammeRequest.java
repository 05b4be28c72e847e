package org.saathi.roster;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Without {@code thresholds} the programme's thresholds stay as they are; with it, they are replaced. */
record ProgrammeRequest(@NotBlank @Size(max = 200) String name, @Size(max = 64) String timezone,
        Boolean showDisplayNames, @Size(max = 200) Map<String, Double> thresholds) {
}

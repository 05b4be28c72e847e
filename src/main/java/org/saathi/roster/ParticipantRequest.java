package org.saathi.roster;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ExternalIds;

/**
 * A participant as staff or a roster integration describe them. Left out: the programme is the
 * default one, the time zone the programme's, the status ACTIVE, and nothing is shared with the
 * peer mentor.
 */
record ParticipantRequest(
        @NotBlank @Size(max = 100) String displayName,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String programmeId,
        @Size(max = 50) Set<@NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String> groupIds,
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String peerMentorId,
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String counsellorId,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String supervisorId,
        @Size(max = 64) String timezone,
        ParticipantStatus status,
        @Valid ConsentRequest consent,
        Boolean expectsDailyCheckIn,
        @Size(max = 10) List<@NotNull @Size(max = 40) String> prescribedSubstances,
        @Schema(description = "\"DAILY\", \"WEEKDAYS\" or days such as "
                + "[\"MON\", \"WED\", \"FRI\"]; without it, the person's usual days are learned from their check-ins",
                oneOf = {String.class, String[].class}) Object checkInSchedule) {

    record ConsentRequest(@NotNull Boolean shareWithPeerMentor) {
    }
}

package org.saathi.ingest;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.saathi.api.ExternalIds;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.SessionType;

/** One participant's attendance at one scheduled session. A changed status is a correction. */
record AttendanceRequest(
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String participantId,
        @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String sessionId,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String groupId,
        @NotNull SessionType sessionType,
        @NotNull OffsetDateTime scheduledAt,
        @NotNull AttendanceStatus status,
        @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String source) {
}

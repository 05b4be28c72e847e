package org.saathi.facts;

import java.time.Instant;
import java.util.Objects;

/**
 * Attendance at one scheduled session, as last reported (a correction replaces the earlier
 * status). {@code recency} is 1 for the latest scheduled session, 2 for the one before, and so on.
 */
public record Attendance(String id, String participantId, Instant at, int recency, String sessionId, String groupId,
        SessionType sessionType, AttendanceStatus status) implements Fact {

    public Attendance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String type() {
        return "ATTENDANCE";
    }

    /** Present for at least part of the session. */
    public boolean attended() {
        return status == AttendanceStatus.ATTENDED || status == AttendanceStatus.LATE
                || status == AttendanceStatus.LEFT_EARLY;
    }

    @Override
    public String summary() {
        return Explain.words(sessionType.name()) + " session: " + Explain.words(status.name());
    }
}

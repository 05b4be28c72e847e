package org.saathi.facts;

import java.time.Instant;
import java.util.Objects;

/**
 * Attendance at one scheduled session, as last reported (a correction replaces the earlier
 * status). {@code recency} is 1 for the latest scheduled session of its kind, 2 for the one before,
 * and so on, clinic doses (MEDICATION sessions) numbered apart from the other sessions: a dose is
 * daily and a group weekly, so that "the last two sessions" means the last two groups or
 * counselling sessions, and "the last two doses" two doses.
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

    /** A clinic dose rather than a group, counselling session or peer meeting. */
    public boolean dose() {
        return sessionType == SessionType.MEDICATION;
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

package org.saathi.cohort;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One person's lines of a backtest facts file ({@code java -jar saathi.jar backtest --facts}), in the
 * field names of the REST API, times in Asia/Kolkata with their offset. How late Saathi received a
 * fact is part of the model: attendance is entered an hour or few after the session, and a check-in
 * now and then syncs hours late from a phone that was offline.
 */
final class Facts {

    private final String participantId;
    private final SplittableRandom random;
    private final List<Map<String, Object>> lines = new ArrayList<>();

    Facts(String participantId, SplittableRandom random) {
        this.participantId = participantId;
        this.random = random;
    }

    List<Map<String, Object>> lines() {
        return lines;
    }

    void participant(Instant enrolledAt) {
        Map<String, Object> line = line("participant");
        line.put("peerMentorId", "mentor-" + Math.floorMod(participantId.hashCode(), 8));
        line.put("counsellorId", "counsellor-" + Math.floorMod(participantId.hashCode(), 4));
        line.put("enrolledAt", time(enrolledAt));
    }

    void checkIn(Instant at, int craving, int mood, Double stress, double sleep, boolean used, Boolean medication,
            List<String> triggers, boolean syncedLate) {
        Map<String, Object> line = line("checkIn");
        line.put("recordedAt", time(at));
        if (syncedLate) {
            line.put("receivedAt", time(at.plus(Duration.ofMinutes(random.nextInt(60, 480)))));
        }
        line.put("craving", craving);
        line.put("mood", mood);
        if (stress != null) {
            line.put("stress", (int) Math.max(0, Math.min(10, Math.round(stress))));
        }
        line.put("sleepHours", Math.max(0, Math.min(24, Math.round(sleep * 2) / 2.0)));
        line.put("usedSubstance", used);
        if (medication != null) {
            line.put("medicationTaken", medication);
        }
        if (!triggers.isEmpty()) {
            line.put("triggers", triggers);
        }
    }

    /** {@code groupId} may be null (a one-to-one session). */
    void attendance(Instant scheduledAt, String sessionType, String groupId, String status) {
        Map<String, Object> line = line("attendance");
        line.put("sessionId", sessionType.charAt(0) + "-" + participantId + "-" + scheduledAt.getEpochSecond());
        if (groupId != null) {
            line.put("groupId", groupId);
        }
        line.put("sessionType", sessionType);
        line.put("scheduledAt", time(scheduledAt));
        line.put("status", status);
        line.put("receivedAt", time(scheduledAt.plus(Duration.ofMinutes(random.nextInt(60, 240)))));
    }

    void screen(Instant at, boolean positive) {
        Map<String, Object> line = line("screening");
        line.put("recordedAt", time(at));
        line.put("instrument", "DRUG_SCREEN");
        line.put("positive", positive);
    }

    void phq9(Instant at, List<Integer> items) {
        Map<String, Object> line = line("screening");
        line.put("recordedAt", time(at));
        line.put("instrument", "PHQ9");
        line.put("items", List.copyOf(items));
    }

    private Map<String, Object> line(String type) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.put("participantId", participantId);
        lines.add(line);
        return line;
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(at, Life.ZONE));
    }
}

package org.saathi.facts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A daily self-report. {@code recency} is 1 for the participant's latest check-in, 2 for the one
 * before, and so on, so that rules can say "the last 5 check-ins". Optional answers are null when
 * the question was not asked.
 */
public record CheckIn(String id, String participantId, Instant at, int recency, int craving, int mood,
        Integer stress, Double sleepHours, Boolean usedSubstance, Boolean medicationTaken, List<String> triggers)
        implements Fact {

    /** The ends of each scale and list, one copy for the API and the backtest's facts file. */
    public static final int LEAST_CRAVING = 0;
    public static final int MOST_CRAVING = 10;
    public static final int LEAST_MOOD = 1;
    public static final int MOST_MOOD = 10;
    public static final int LEAST_STRESS = 0;
    public static final int MOST_STRESS = 10;
    public static final int LEAST_SLEEP_HOURS = 0;
    public static final int MOST_SLEEP_HOURS = 24;
    public static final int MOST_TRIGGERS = 20;
    public static final int LONGEST_TRIGGER = 40;

    public CheckIn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    @Override
    public String type() {
        return "CHECK_IN";
    }

    /** True only when the participant said so; an unanswered question is not a yes. */
    public boolean reportedUse() {
        return Boolean.TRUE.equals(usedSubstance);
    }

    public boolean sleptLessThan(double hours) {
        return sleepHours != null && sleepHours < hours;
    }

    @Override
    public String summary() {
        StringBuilder summary = new StringBuilder("craving ").append(craving).append(", mood ").append(mood);
        if (sleepHours != null) {
            summary.append(", sleep ").append(Explain.number(sleepHours)).append(" h");
        }
        if (usedSubstance != null) {
            summary.append(usedSubstance ? ", reported use" : ", no use");
        }
        return summary.toString();
    }
}

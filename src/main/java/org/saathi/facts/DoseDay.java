package org.saathi.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One day of a medication programme (opioid substitution and the like), in the participant's time
 * zone, as the clinic's dose records and the participant's own check-ins tell it: the dose was
 * taken, missed, or arranged elsewhere (an excused clinic dose: taken home, given in hospital). A day
 * nobody reported on is no dose day at all. {@code recency} is 1 for the latest dose day, 2 for the
 * one before, and so on; {@code reports} are the facts the day's dose rests on.
 */
public record DoseDay(String participantId, LocalDate day, Dose dose, int recency, List<Fact> reports) {

    public enum Dose { TAKEN, MISSED, ARRANGED }

    public DoseDay {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(dose, "dose");
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("a dose day rests on at least one report");
        }
        reports = List.copyOf(reports);
    }

    public boolean missed() {
        return dose == Dose.MISSED;
    }

    /** When the latest report of the day came: a check-in of the next morning may speak of it. */
    public Instant at() {
        return reports.stream().map(Fact::at).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The reports of several dose days, each once: the evidence of a rule about them. */
    public static List<Fact> reportsOf(Collection<?> days) {
        return days.stream().filter(DoseDay.class::isInstance).map(DoseDay.class::cast)
                .flatMap(day -> day.reports().stream()).distinct().toList();
    }
}

package org.saathi.rules;

import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.saathi.facts.Attendance;
import org.saathi.facts.Bam;
import org.saathi.facts.Baseline;
import org.saathi.facts.CheckIn;
import org.saathi.facts.Engagement;
import org.saathi.facts.DoseDay;
import org.saathi.facts.Fact;
import org.saathi.facts.Now;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;

/**
 * What the deterioration score looks at for one participant at one moment: their facts of the
 * window (check-ins and sessions numbered newest first), their baseline, and the programme's
 * recent.days and baseline.minCheckIns. Dose days are those MED-001 counts ({@link DoseDays}), newest
 * first, so that the score and the rule can never disagree about a missed dose.
 *
 * @param windowStart the start of what is known of them: the window's start, or their enrolment if later
 * @param engagement their engagement against their own previous weeks, as ENG-001 reads it
 */
record ScoringScope(Now now, double recentDays, double minBaseline, int recentCount, List<CheckIn> checkIns,
        Baseline baseline, List<Attendance> sessions, List<DoseDay> doseDays, List<Phq9> phq9, List<Bam> bam,
        List<PeerConcern> concerns, Instant windowStart, Engagement engagement) {

    /** The latest {@code recentCount} check-ins when all of them are of the last recent days; else none. */
    List<CheckIn> recentCheckIns() {
        if (recentCount < 1 || checkIns.size() < recentCount) {
            return List.of();
        }
        List<CheckIn> latest = checkIns.subList(0, recentCount);
        return latest.stream().allMatch(checkIn -> now.withinDays(checkIn.at(), recentDays)) ? latest : List.of();
    }

    boolean hasBaseline() {
        return baseline.checkIns() >= minBaseline;
    }

    /** The facts of the last given days (and none dated after now, beyond a drifting clock). */
    <T extends Fact> List<T> within(List<T> facts, double days) {
        return facts.stream().filter(fact -> now.withinDays(fact.at(), days)).toList();
    }

    /** The middle value (the mean of the middle two for an even count): one outlier does not move it. */
    static <T> double median(List<T> items, ToDoubleFunction<T> value) {
        double[] sorted = items.stream().mapToDouble(value).sorted().toArray();
        int half = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    static <T> double mean(List<T> items, ToDoubleFunction<T> value) {
        return items.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}

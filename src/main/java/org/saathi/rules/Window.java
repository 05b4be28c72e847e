package org.saathi.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.saathi.facts.Attendance;
import org.saathi.facts.Baseline;
import org.saathi.facts.CheckIn;
import org.saathi.facts.CheckInGap;
import org.saathi.facts.Engagement;
import org.saathi.facts.DoseDay;
import org.saathi.facts.Now;
import org.saathi.facts.Prescription;
import org.saathi.facts.Rhythm;
import org.saathi.facts.Substance;
import org.saathi.facts.Threshold;

/**
 * Turns an evaluation's input into the facts rules see: check-ins and sessions numbered by recency,
 * each session once with its latest reported status, the days of a medication programme, the
 * personal baseline, the check-in gap, the participant's own rhythm of check-ins ({@link Rhythms}) and
 * engagement ({@link Engagements}, which the deterioration score reads too),
 * the participant's prescription and the periods without use before each use.
 */
final class Window {

    /** The baseline leaves out the latest check-ins, which CHK-003 and CHK-004 compare against it. */
    static final int RECENT_CHECK_INS_OUTSIDE_BASELINE = 3;

    private Window() {
    }

    /** The thresholds the deterioration score reads, as the rules that look at recent check-ins do. */
    static final String RECENT_DAYS = "recent.days";
    static final String BASELINE_MIN_CHECK_INS = "baseline.minCheckIns";

    static List<Object> facts(EvaluationInput input, Duration window, Duration baselinePeriod,
            DeteriorationTable deterioration) {
        List<Object> facts = new ArrayList<>();
        facts.add(new Now(input.now()));
        input.thresholds().forEach((key, value) -> facts.add(new Threshold(key, value)));
        List<CheckIn> checkIns = numbered(input.checkIns());
        facts.addAll(checkIns);
        List<Attendance> sessions = sessions(input.attendanceReports());
        facts.addAll(sessions);
        List<DoseDay> doseDays = DoseDays.of(input.participant().id(), sessions, checkIns,
                input.participant().timezone(), input.now());
        facts.addAll(doseDays);
        facts.addAll(input.phq9());
        facts.addAll(input.bam());
        facts.addAll(input.drugScreens());
        facts.addAll(input.peerConcerns());
        facts.addAll(input.openAlerts());
        Set<Substance> prescribed = input.participant().prescribedSubstances();
        facts.add(new Prescription(input.participant().id(), prescribed));
        facts.addAll(PeriodsWithoutUse.of(input.participant().id(), input.checkIns(), input.drugScreens(), prescribed));
        Baseline baseline = baseline(input.participant().id(), checkIns, input.now().minus(baselinePeriod));
        facts.add(baseline);
        Rhythm rhythm = Rhythms.of(input);
        facts.add(rhythm);
        Engagement engagement = Engagements.of(input, rhythm, knownFrom(input, window));
        facts.add(engagement);
        facts.addAll(DeteriorationScoring.score(deterioration, scope(input, checkIns, sessions, doseDays, baseline, window,
                deterioration, engagement), input.participant().id()));
        Instant since = input.lastCheckIn().map(CheckIn::at).orElse(input.participant().enrolledAt());
        double hours = Math.max(0, Duration.between(since, input.now()).toMinutes() / 60.0);
        facts.add(new CheckInGap(input.participant().id(), hours, since, input.participant().expectsDailyCheckIn(),
                input.lastCheckIn()));
        return facts;
    }

    /** The start of what is known of them: the window's start, or their enrolment if later. */
    private static Instant knownFrom(EvaluationInput input, Duration window) {
        Instant windowStart = input.now().minus(window);
        Instant enrolled = input.participant().enrolledAt();
        return enrolled != null && enrolled.isAfter(windowStart) ? enrolled : windowStart;
    }

    private static ScoringScope scope(EvaluationInput input, List<CheckIn> checkIns, List<Attendance> sessions,
            List<DoseDay> doseDays, Baseline baseline, Duration window, DeteriorationTable deterioration,
            Engagement engagement) {
        Instant windowStart = knownFrom(input, window);
        return new ScoringScope(new Now(input.now()), input.thresholds().getOrDefault(RECENT_DAYS, 7.0),
                input.thresholds().getOrDefault(BASELINE_MIN_CHECK_INS, 5.0), deterioration.recentCheckIns(), checkIns,
                baseline, sessions, doseDays, input.phq9(), input.bam(), input.peerConcerns(), windowStart,
                engagement);
    }

    static List<CheckIn> numbered(List<CheckIn> checkIns) {
        List<CheckIn> newestFirst = checkIns.stream()
                .sorted(Comparator.comparing(CheckIn::at).reversed().thenComparing(CheckIn::id)).toList();
        List<CheckIn> numbered = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            CheckIn c = newestFirst.get(i);
            numbered.add(new CheckIn(c.id(), c.participantId(), c.at(), i + 1, c.craving(), c.mood(), c.stress(),
                    c.sleepHours(), c.usedSubstance(), c.medicationTaken(), c.triggers()));
        }
        return numbered;
    }

    /**
     * One fact per session, its last report standing, numbered newest session first among sessions of
     * its kind: clinic doses apart from groups, counselling and peer meetings.
     */
    static List<Attendance> sessions(List<Attendance> reportsInOrder) {
        Map<String, Attendance> latest = new LinkedHashMap<>();
        reportsInOrder.forEach(report -> latest.put(report.sessionId(), report));
        List<Attendance> newestFirst = latest.values().stream()
                .sorted(Comparator.comparing(Attendance::at).reversed().thenComparing(Attendance::sessionId)).toList();
        List<Attendance> numbered = new ArrayList<>();
        int doses = 0;
        int others = 0;
        for (Attendance a : newestFirst) {
            int recency = a.dose() ? ++doses : ++others;
            numbered.add(new Attendance(a.id(), a.participantId(), a.at(), recency, a.sessionId(), a.groupId(),
                    a.sessionType(), a.status()));
        }
        return numbered;
    }

    static Baseline baseline(String participantId, List<CheckIn> numbered, Instant from) {
        List<CheckIn> period = numbered.stream()
                .filter(c -> c.recency() > RECENT_CHECK_INS_OUTSIDE_BASELINE && !c.at().isBefore(from)).toList();
        return baselineOf(participantId, period);
    }

    /** The usual craving and mood of these check-ins: their means and spreads (standard deviations). */
    static Baseline baselineOf(String participantId, List<CheckIn> period) {
        if (period.isEmpty()) {
            return new Baseline(participantId, 0, 0, 0, 0, 0);
        }
        double cravingMean = period.stream().mapToInt(CheckIn::craving).average().orElse(0);
        double moodMean = period.stream().mapToInt(CheckIn::mood).average().orElse(0);
        return new Baseline(participantId, period.size(), cravingMean,
                spread(period.stream().mapToDouble(CheckIn::craving).toArray(), cravingMean), moodMean,
                spread(period.stream().mapToDouble(CheckIn::mood).toArray(), moodMean));
    }

    private static double spread(double[] values, double mean) {
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}

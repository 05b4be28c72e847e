package org.saathi.backtest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.saathi.facts.CheckIn;
import org.saathi.rules.RuleSetProblem;
import org.saathi.rules.RuleSetReplay;

/**
 * Adds up one rule set's replay participant by participant, so that a backtest over a whole
 * programme never holds more than one batch of facts: only the alerts and the tallies stay.
 */
public final class RunTally {

    /** How far apart an alert and a relapse may be to count as warning and outcome. */
    static final Duration FOLLOW_UP = Duration.ofDays(14);

    private static final int FAILURE_EXAMPLES = 5;

    private final String rules;
    private final RuleSetReplay ruleSet;
    private final ReplayOptions options;
    private final List<RuleSetProblem> warnings;
    private final List<ReplayedAlert> alerts = new ArrayList<>();
    private final List<Run.Relapse> relapses = new ArrayList<>();
    private final Map<String, List<Duration>> leads = new TreeMap<>();
    private final Map<String, Integer> followed = new HashMap<>();
    private final LinkedHashSet<String> failureExamples = new LinkedHashSet<>();
    private int failures;
    /** Participant-time replayed: the period for everyone enrolled before it, less for those who joined later. */
    private Duration replayedTime = Duration.ZERO;

    public RunTally(String rules, RuleSetReplay ruleSet, ReplayOptions options, List<RuleSetProblem> warnings) {
        this.rules = rules;
        this.ruleSet = ruleSet;
        this.options = options;
        this.warnings = List.copyOf(warnings);
    }

    /** Replays the participant and adds what came of it; stops once {@code cancelled} says so. */
    List<ReplayedAlert> replay(ParticipantHistory history, BooleanSupplier cancelled) {
        Replay.Replayed replayed = Replay.run(ruleSet, history, options, this::failed, cancelled);
        add(history, replayed);
        return replayed.alerts();
    }

    private synchronized void add(ParticipantHistory history, Replay.Replayed replayed) {
        List<ReplayedAlert> raised = replayed.alerts();
        replayedTime = replayedTime.plus(replayed.span());
        alerts.addAll(raised);
        List<Instant> relapseTimes = new ArrayList<>();
        for (Relapse relapse : relapsesOf(history)) {
            relapseTimes.add(relapse.at());
            List<Run.Preceding> preceding = raised.stream()
                    .filter(alert -> alert.raisedAt().isBefore(relapse.at())
                            && !alert.raisedAt().isBefore(relapse.at().minus(FOLLOW_UP)))
                    .map(alert -> new Run.Preceding(alert.ruleId(), alert.severity(), alert.raisedAt(),
                            Duration.between(alert.raisedAt(), relapse.at())))
                    .toList();
            relapses.add(new Run.Relapse(history.participant().id(), relapse.kind(), relapse.at(), preceding));
        }
        relapseTimes.sort(Comparator.naturalOrder());
        for (ReplayedAlert alert : raised) {
            leads.computeIfAbsent(alert.ruleId(), rule -> new ArrayList<>());
            relapseTimes.stream().filter(at -> at.isAfter(alert.raisedAt())
                            && !at.isAfter(alert.raisedAt().plus(FOLLOW_UP))).findFirst()
                    .ifPresent(at -> {
                        leads.get(alert.ruleId()).add(Duration.between(alert.raisedAt(), at));
                        followed.merge(alert.ruleId(), 1, Integer::sum);
                    });
        }
    }

    private record Relapse(String kind, Instant at) {
    }

    /** The relapses of the period: reported use, screens positive for use, and relapses staff confirmed. */
    private List<Relapse> relapsesOf(ParticipantHistory history) {
        List<Relapse> found = new ArrayList<>();
        history.facts().checkIns().stream().filter(CheckIn::reportedUse)
                .forEach(c -> found.add(new Relapse("SELF_REPORTED_USE", c.at())));
        // A positive for the participant's prescribed medication alone is not a relapse.
        history.facts().drugScreens().stream()
                .filter(s -> s.showsUseBeyond(history.participant().prescribedSubstances()))
                .forEach(s -> found.add(new Relapse("POSITIVE_DRUG_SCREEN", s.at())));
        history.relapsesConfirmed().forEach(at -> found.add(new Relapse("RELAPSE_CONFIRMED", at)));
        return found.stream().filter(r -> !r.at().isBefore(options.from()) && !r.at().isAfter(options.to()))
                .sorted(Comparator.comparing(Relapse::at)).toList();
    }

    private synchronized void failed(RuntimeException failure) {
        failures++;
        if (failureExamples.size() < FAILURE_EXAMPLES) {
            failureExamples.add(RuleSetReplay.describe(failure));
        }
    }

    synchronized Run finish() {
        alerts.sort(Comparator.comparing(ReplayedAlert::participantId).thenComparing(ReplayedAlert::raisedAt)
                .thenComparing(ReplayedAlert::ruleId));
        relapses.sort(Comparator.comparing(Run.Relapse::participantId).thenComparing(Run.Relapse::at));
        return new Run(rules, ruleSet.version(), List.copyOf(alerts), summary(),
                new Run.Outcomes(List.copyOf(relapses), outcomesByRule()),
                warnings, new Run.Failures(failures, List.copyOf(failureExamples)));
    }

    private Run.Summary summary() {
        Map<String, Integer> byRule = new TreeMap<>();
        Map<String, Integer> bySeverity = new TreeMap<>();
        Map<String, Map<String, Integer>> byWeek = new TreeMap<>();
        Map<String, Integer> byRecipient = new TreeMap<>();
        for (LocalDate week = weekOf(options.from()); !week.isAfter(weekOf(options.to().minusNanos(1)));
                week = week.plusWeeks(1)) {
            byWeek.put(week.toString(), new TreeMap<>());
        }
        for (ReplayedAlert alert : alerts) {
            byRule.merge(alert.ruleId(), 1, Integer::sum);
            bySeverity.merge(alert.severity().name(), 1, Integer::sum);
            byWeek.computeIfAbsent(weekOf(alert.raisedAt()).toString(), week -> new TreeMap<>())
                    .merge(alert.ruleId(), 1, Integer::sum);
            alert.recipients().forEach(staff -> byRecipient.merge(staff, 1, Integer::sum));
        }
        double months = MonthlyRate.months(replayedTime);
        return new Run.Summary(alerts.size(), byRule, bySeverity, byWeek, byRecipient, months,
                MonthlyRate.of(alerts.size(), months));
    }

    private Map<String, Run.RuleOutcome> outcomesByRule() {
        Map<String, Run.RuleOutcome> byRule = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        alerts.forEach(alert -> counts.merge(alert.ruleId(), 1, Integer::sum));
        counts.forEach((rule, count) -> {
            int hits = followed.getOrDefault(rule, 0);
            byRule.put(rule, new Run.RuleOutcome(count, hits, round((double) hits / count),
                    median(leads.getOrDefault(rule, List.of()))));
        });
        return byRule;
    }

    static Optional<Duration> median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2));
    }

    static LocalDate weekOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().with(DayOfWeek.MONDAY);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

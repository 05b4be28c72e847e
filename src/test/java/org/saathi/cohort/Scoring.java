package org.saathi.cohort;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.saathi.backtest.command.CohortReplay;
import org.saathi.backtest.ReplayedAlert;
import org.saathi.facts.Severity;
import org.saathi.rules.RuleSetReplay;

/**
 * Scores one person's replay through one rule set, by the backtest's own replay.
 *
 * <p><b>A warned episode.</b> An alert by a rule other than the use itself was raised, or an open one
 * rose in severity, between 7 days and 24 hours before the episode (the first use, from the ground
 * truth). The replay reports each alert once, at its highest severity; so the person is replayed
 * twice, up to the window's start and up to its end, and an alert raised before the window counts
 * if its severity at the end exceeds its severity at the start. When it rose is then found by
 * halving the window, down to the replay's step. The use rules ({@link #USE_ITSELF}) never count;
 * combined rules (CMB-001) count whatever their evidence, since no use is known before the episode,
 * so within the window none can be their evidence. <b>Lead time</b> is from the earliest such
 * moment to the episode.
 *
 * <p><b>A stable person's cost.</b> Their alerts below CRITICAL raised in the period, and the
 * participant time replayed (the period, from the day their history is long enough to replay).
 */
final class Scoring {

    /** Rules whose finding is the use itself: a warning by them is no warning. */
    static final Set<String> USE_ITSELF = Set.of("CHK-005", "SCR-003");

    static final Duration EARLIEST = Duration.ofDays(7);
    static final Duration LATEST = Duration.ofHours(24);

    /** How one episode stood. {@code lead} and {@code rule} are empty when it was not warned. */
    record Episode(Pattern pattern, String participantId, Optional<Duration> lead, Optional<String> rule) {

        boolean warned() {
            return lead.isPresent();
        }
    }

    /** A stable person's non-critical alerts by rule, over the participant time replayed. */
    record Cost(Pattern pattern, Map<String, Long> alertsByRule, Duration replayed) {
    }

    private final CohortReplay cohort;
    private final RuleSetReplay rules;
    private final Instant from;
    private final Duration step;

    Scoring(CohortReplay cohort, RuleSetReplay rules, Instant from, Duration step) {
        this.cohort = cohort;
        this.rules = rules;
        this.from = from;
        this.step = step;
    }

    Cost cost(Person person, Instant to) {
        CohortReplay.Replayed replayed = replay(person, to);
        Map<String, Long> byRule = replayed.alerts().stream().filter(alert -> alert.severity() != Severity.CRITICAL)
                .collect(Collectors.groupingBy(ReplayedAlert::ruleId, Collectors.counting()));
        return new Cost(person.pattern(), byRule, replayed.span());
    }

    Episode episode(Person person) {
        Instant episode = person.episodeAt().orElseThrow();
        Instant opens = episode.minus(EARLIEST);
        Instant closes = episode.minus(LATEST);
        List<ReplayedAlert> byClosing = replay(person, closes).alerts().stream()
                .filter(alert -> !USE_ITSELF.contains(alert.ruleId())).toList();
        // only an alert still open when the window opens can rise in it: otherwise spare the replay
        boolean openAtOpening = byClosing.stream().anyMatch(alert -> alert.raisedAt().isBefore(opens)
                && alert.resolvedAt().isAfter(opens));
        Map<Key, Severity> atOpening = openAtOpening ? severities(replay(person, opens).alerts()) : Map.of();
        Optional<ReplayedAlert> raised = byClosing.stream().filter(alert -> !alert.raisedAt().isBefore(opens))
                .findFirst();
        Optional<ReplayedAlert> rose = byClosing.stream().filter(alert -> alert.raisedAt().isBefore(opens)
                && rose(alert, atOpening)).findFirst();
        Instant earliest = raised.map(ReplayedAlert::raisedAt).orElse(closes);
        if (rose.isPresent() && risenBy(person, earliest, atOpening)) {
            Instant risen = whenRisen(person, opens, earliest, atOpening);
            String rule = rule(person, risen, atOpening);
            return new Episode(person.pattern(), person.id(), Optional.of(Duration.between(risen, episode)),
                    Optional.of(rule));
        }
        return new Episode(person.pattern(), person.id(),
                raised.map(alert -> Duration.between(alert.raisedAt(), episode)), raised.map(ReplayedAlert::ruleId));
    }

    /** The earliest moment, to the step, by which an alert open at the window's start had risen. */
    private Instant whenRisen(Person person, Instant low, Instant high, Map<Key, Severity> atOpening) {
        while (Duration.between(low, high).compareTo(step) > 0) {
            Instant middle = low.plus(Duration.between(low, high).dividedBy(2));
            if (risenBy(person, middle, atOpening)) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high;
    }

    private boolean risenBy(Person person, Instant at, Map<Key, Severity> atOpening) {
        return replay(person, at).alerts().stream().anyMatch(alert -> !USE_ITSELF.contains(alert.ruleId())
                && rose(alert, atOpening));
    }

    private String rule(Person person, Instant at, Map<Key, Severity> atOpening) {
        return replay(person, at).alerts().stream().filter(alert -> !USE_ITSELF.contains(alert.ruleId())
                && rose(alert, atOpening)).map(ReplayedAlert::ruleId).findFirst().orElseThrow();
    }

    private static boolean rose(ReplayedAlert alert, Map<Key, Severity> atOpening) {
        Severity before = atOpening.get(Key.of(alert));
        return before != null && alert.severity().isAbove(before);
    }

    private CohortReplay.Replayed replay(Person person, Instant to) {
        CohortReplay.Replayed replayed = cohort.replay(rules, person.id(), from, to, step);
        if (replayed.failedEvaluations() > 0) {
            throw new IllegalStateException(person.id() + ": " + replayed.failedEvaluations()
                    + " evaluations failed in the replay");
        }
        return replayed;
    }

    /** An alert of the replay, known by its rule and when it was raised. */
    private record Key(String ruleId, Instant raisedAt) {

        static Key of(ReplayedAlert alert) {
            return new Key(alert.ruleId(), alert.raisedAt());
        }
    }

    private static Map<Key, Severity> severities(List<ReplayedAlert> alerts) {
        return alerts.stream().collect(Collectors.toMap(Key::of, ReplayedAlert::severity, Severity::max,
                HashMap::new));
    }
}

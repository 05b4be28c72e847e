package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.saathi.alert.AlertPolicy;
import org.saathi.rules.Finding;
import org.saathi.facts.Fact;
import org.saathi.facts.OpenAlert;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Recipients;
import org.saathi.rules.RuleSetReplay;

/**
 * Replays one participant through a rule set: evaluated as of every moment a fact became known and
 * at every step, with the live service's deduplication, inhibition and escalation ladder. Nobody
 * acknowledges in a replay, so each alert is taken to be resolved at its deadline, or a fixed time
 * after it was raised when the options say so (and then the ladder climbs until that time).
 */
public final class Replay {

    /** What a replay raised, and for how long the participant was replayed (from enrolment, at the latest). */
    public record Replayed(List<ReplayedAlert> alerts, Duration span) {
    }

    private final RuleSetReplay rules;
    private final ParticipantHistory history;
    private final ParticipantContext participant;
    private final ReplayOptions options;
    private final Map<String, Double> thresholds;
    private final ReplayQueue queue;
    private final Map<String, Map<String, Severity>> knownEvidence = new HashMap<>();
    private final Consumer<RuntimeException> failures;
    private final BooleanSupplier cancelled;

    private Replay(RuleSetReplay rules, ParticipantHistory history, ReplayOptions options,
            Consumer<RuntimeException> failures, BooleanSupplier cancelled) {
        this.rules = rules;
        this.history = history;
        this.participant = history.participant();
        this.options = options;
        this.thresholds = rules.thresholds(history.programmeThresholds());
        this.failures = failures;
        this.cancelled = cancelled;
        this.queue = new ReplayQueue(participant, options);
    }

    /**
     * The alerts raised in the options' period, in the order raised, and how long was replayed. An
     * evaluation that fails is handed to {@code failures} and the replay goes on, as the live service
     * would. Once {@code cancelled} says so, it stops with a {@link CancellationException}.
     */
    public static Replayed run(RuleSetReplay rules, ParticipantHistory history, ReplayOptions options,
            Consumer<RuntimeException> failures, BooleanSupplier cancelled) {
        return new Replay(rules, history, options, failures, cancelled).run();
    }

    private Replayed run() {
        Timeline timeline = new Timeline(history, options.factsCount());
        Instant enrolled = enrolment(timeline);
        Instant start = enrolled.isAfter(options.from()) ? enrolled : options.from();
        if (start.isAfter(options.to())) {
            return new Replayed(List.of(), Duration.ZERO);
        }
        // What holds at the start of the period was raised before it: known, open, but not counted.
        boolean startCounts = start.equals(enrolled);
        List<Instant> arrivals = timeline.arrivals();
        int nextArrival = 0;
        Instant nextStep = start;
        while (true) {
            while (nextArrival < arrivals.size() && !arrivals.get(nextArrival).isAfter(start)) {
                nextArrival++;
            }
            // the next moment: a step or an arrival, whichever comes first, each moment once
            Instant arrival = nextArrival < arrivals.size() ? arrivals.get(nextArrival) : Instant.MAX;
            Instant now = nextStep.isAfter(arrival) ? arrival : nextStep;
            if (now.isAfter(options.to())) {
                break;
            }
            if (now.equals(nextStep)) {
                nextStep = nextStep.plus(options.step());
            }
            if (now.equals(arrival)) {
                nextArrival++;
            }
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("the backtest was cancelled");
            }
            queue.passDeadlines(now);
            evaluate(timeline, now, startCounts || !now.equals(start));
        }
        return new Replayed(queue.finish(options.to()), Duration.between(start, options.to()));
    }

    /**
     * From when the participant is replayed: their enrolment, or, counting facts as recorded, their
     * first fact if that is earlier (a history imported when they enrolled).
     */
    private Instant enrolment(Timeline timeline) {
        Instant enrolled = participant.enrolledAt();
        if (options.factsCount() == ReplayOptions.FactsCount.RECORDED) {
            Optional<Instant> first = timeline.arrivals().stream().findFirst();
            if (first.isPresent() && first.get().isBefore(enrolled)) {
                return first.get();
            }
        }
        return enrolled;
    }

    private void evaluate(Timeline timeline, Instant now, boolean counts) {
        List<Finding> findings;
        try {
            findings = rules.findings(participant, now, thresholds, timeline.asOf(now, rules.window()),
                    queue.asFacts());
        } catch (RuntimeException failure) {
            failures.accept(failure);
            return;
        }
        clear(timeline, now, findings);
        for (String ruleId : queue.clearedRules()) {
            queue.of(ruleId).filter(alert -> Finding.holds(ruleId, alert.severity(), findings))
                    .ifPresent(alert -> queue.unclear(ruleId));
        }
        for (Finding finding : findings) {
            apply(finding, now, counts);
        }
    }

    /** The open alerts whose condition these findings no longer hold and that have cleared, as live. */
    private void clear(Timeline timeline, Instant now, List<Finding> findings) {
        List<OpenAlert> open = queue.asFacts();
        for (OpenAlert alert : AlertPolicy.mayHaveCleared(open, queue.clearedRules(), findings)) {
            Optional<Fact> by;
            try {
                by = rules.clearedBy(participant, now, thresholds, timeline.asOf(now, rules.window()), open, alert);
            } catch (RuntimeException failure) {
                failures.accept(failure);
                return;
            }
            by.ifPresent(fact -> queue.clear(alert.ruleId(), now, fact.at()));
        }
    }

    /** What the live service's alerts would make of a finding: news raises or asks again, the rest only adds. */
    private void apply(Finding finding, Instant now, boolean counts) {
        List<String> evidence = AlertPolicy.evidenceIds(finding, participant);
        Map<String, Severity> known = knownEvidence.computeIfAbsent(finding.ruleId(), rule -> new HashMap<>());
        if (!AlertPolicy.isNews(evidence, finding.severity(), known)) {
            return;
        }
        Optional<ReplayQueue.Open> open = queue.of(finding.ruleId());
        AlertPolicy.Change change = AlertPolicy.change(open.map(ReplayQueue.Open::severity), finding.severity());
        ReplayQueue.Open alert = open.orElseGet(() -> queue.raise(finding.ruleId(), now, counts));
        if (change.asks()) {
            queue.ask(alert, finding, Recipients.resolve(finding.recipients(), participant), now);
        }
        Severity severity = alert.severity();
        evidence.forEach(fact -> known.merge(fact, severity, Severity::max));
        queue.evidenced(alert, finding.evidence().stream().map(Fact::at).max(Comparator.naturalOrder())
                .orElse(participant.enrolledAt()));
    }
}

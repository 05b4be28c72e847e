package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.saathi.alert.AlertPolicy;
import org.saathi.alert.Finding;
import org.saathi.alert.Recipient;
import org.saathi.alert.Recipients;
import org.saathi.facts.Fact;
import org.saathi.facts.OpenAlert;
import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.rules.RuleSetReplay;

/**
 * Replays one participant through a rule set: evaluated as of every moment a fact became known and
 * at every step, with the live service's deduplication, inhibition and escalation ladder. Nobody
 * acknowledges in a replay, so each alert is taken to be resolved at its deadline, or a fixed time
 * after it was raised when the options say so (and then the ladder climbs until that time).
 */
final class Replay {

    /** An alert of the replay while it is open. */
    private static final class Open {
        final String ruleId;
        final Instant raisedAt;
        final boolean counted;
        final Optional<Instant> resolveAt;
        Severity severity;
        Instant ackDueAt;
        Duration acknowledgeWithin;
        Role escalateTo;
        int step;
        Instant lastEvidenceAt;
        Instant escalatedAt;
        final Set<String> asked = new LinkedHashSet<>();
        final Set<String> held = new LinkedHashSet<>();

        Open(String ruleId, Instant raisedAt, boolean counted, Optional<Instant> resolveAt) {
            this.ruleId = ruleId;
            this.raisedAt = raisedAt;
            this.counted = counted;
            this.resolveAt = resolveAt;
        }

        /** The next moment something happens to it by itself: resolved, or escalated. */
        Instant due() {
            return resolveAt.filter(at -> !at.isAfter(ackDueAt)).orElse(ackDueAt);
        }
    }

    private final RuleSetReplay rules;
    private final ParticipantHistory history;
    private final ParticipantContext participant;
    private final ReplayOptions options;
    private final Map<String, Double> thresholds;
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final Map<String, Map<String, Severity>> knownEvidence = new HashMap<>();
    private final List<ReplayedAlert> raised = new ArrayList<>();
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
    }

    /**
     * The alerts raised in the options' period, in the order raised. An evaluation that fails is
     * handed to {@code failures} and the replay goes on, as the live service would. Once
     * {@code cancelled} says so, it stops with a {@link CancellationException}.
     */
    static List<ReplayedAlert> run(RuleSetReplay rules, ParticipantHistory history, ReplayOptions options,
            Consumer<RuntimeException> failures, BooleanSupplier cancelled) {
        return new Replay(rules, history, options, failures, cancelled).run();
    }

    private List<ReplayedAlert> run() {
        Timeline timeline = new Timeline(history, options.factsCount());
        Instant enrolled = enrolment(timeline);
        Instant start = enrolled.isAfter(options.from()) ? enrolled : options.from();
        if (start.isAfter(options.to())) {
            return List.of();
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
            passDeadlines(now);
            evaluate(timeline, now, startCounts || !now.equals(start));
        }
        passDeadlines(options.to());
        for (Open alert : List.copyOf(open.values())) {
            close(alert, alert.resolveAt.orElse(alert.ackDueAt));
        }
        raised.sort(Comparator.comparing(ReplayedAlert::raisedAt).thenComparing(ReplayedAlert::ruleId));
        return raised;
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
            findings = rules.findings(participant, now, thresholds, timeline.asOf(now, rules.window()), openAlerts());
        } catch (RuntimeException failure) {
            failures.accept(failure);
            return;
        }
        for (Finding finding : findings) {
            apply(finding, now, counts);
        }
    }

    private List<OpenAlert> openAlerts() {
        List<OpenAlert> alerts = new ArrayList<>(open.size());
        open.values().forEach(alert -> alerts.add(new OpenAlert(alert.ruleId, alert.severity, alert.raisedAt,
                alert.lastEvidenceAt)));
        return alerts;
    }

    private void apply(Finding finding, Instant now, boolean counts) {
        List<String> evidence = AlertPolicy.evidenceIds(finding, participant);
        Map<String, Severity> known = knownEvidence.computeIfAbsent(finding.ruleId(), rule -> new HashMap<>());
        if (!AlertPolicy.isNews(evidence, finding.severity(), known)) {
            return;
        }
        Open alert = open.get(finding.ruleId());
        AlertPolicy.Change change = AlertPolicy.change(Optional.ofNullable(alert).map(a -> a.severity),
                finding.severity());
        if (alert == null) {
            alert = new Open(finding.ruleId(), now, counts,
                    options.assumeResolvedAfter().map(now::plus));
            open.put(finding.ruleId(), alert);
        }
        if (change.asks()) {
            alert.severity = finding.severity();
            alert.acknowledgeWithin = finding.acknowledgeWithin();
            alert.escalateTo = finding.escalateTo();
            alert.step = 0;
            alert.ackDueAt = now.plus(finding.acknowledgeWithin());
            ask(alert, Recipients.resolve(finding.recipients(), participant), now);
        }
        Severity severity = alert.severity;
        evidence.forEach(fact -> known.merge(fact, severity, Severity::max));
        Instant latest = finding.evidence().stream().map(Fact::at).max(Comparator.naturalOrder())
                .orElse(participant.enrolledAt());
        if (alert.lastEvidenceAt == null || latest.isAfter(alert.lastEvidenceAt)) {
            alert.lastEvidenceAt = latest;
        }
    }

    /** Messages to these recipients: sent, or held while a more severe alert is open. */
    private void ask(Open alert, List<Recipient> recipients, Instant now) {
        boolean held = AlertPolicy.heldBehind(alert.severity, moreSevereOpen(alert));
        for (Recipient recipient : recipients) {
            if (held) {
                if (!alert.asked.contains(recipient.staffId())) {
                    alert.held.add(recipient.staffId());
                }
            } else {
                alert.asked.add(recipient.staffId());
                alert.held.remove(recipient.staffId());
            }
        }
    }

    private boolean moreSevereOpen(Open alert) {
        return open.values().stream().anyMatch(other -> other != alert && other.severity.isAbove(alert.severity));
    }

    /**
     * Resolves and escalates, in time order, whatever fell due by {@code now}. Alerts due at the same
     * moment are all resolved before any held message is released.
     */
    private void passDeadlines(Instant now) {
        while (true) {
            Optional<Instant> next = Optional.empty();
            for (Open alert : open.values()) {
                Instant due = alert.due();
                if (!due.isAfter(now) && (next.isEmpty() || due.isBefore(next.get()))) {
                    next = Optional.of(due);
                }
            }
            if (next.isEmpty()) {
                return;
            }
            Instant due = next.get();
            List<Open> dueNow = open.values().stream().filter(alert -> alert.due().equals(due)).toList();
            boolean resolved = false;
            for (Open alert : dueNow) {
                if (resolves(alert)) {
                    close(alert, due);
                    resolved = true;
                }
            }
            for (Open alert : dueNow) {
                if (!resolves(alert)) {
                    escalate(alert, due);
                }
            }
            if (resolved) {
                releaseHeld(due);
            }
        }
    }

    /** Whether reaching its due moment resolves the alert rather than escalating it. */
    private boolean resolves(Open alert) {
        return options.assumeResolvedAfter().isEmpty()
                || alert.resolveAt.filter(at -> !at.isAfter(alert.ackDueAt)).isPresent();
    }

    private void escalate(Open alert, Instant now) {
        if (AlertPolicy.heldBehind(alert.severity, moreSevereOpen(alert))) {
            // held behind a more severe alert: the ladder waits with it, and resumes when the hold ends
            alert.ackDueAt = now.plus(alert.acknowledgeWithin);
            return;
        }
        Set<String> named = new LinkedHashSet<>(alert.asked);
        named.addAll(alert.held);
        AlertPolicy.Step step = AlertPolicy.nextStep(alert.escalateTo, alert.step, named, participant);
        alert.step = step.number();
        alert.ackDueAt = now.plus(alert.acknowledgeWithin);
        if (alert.escalatedAt == null) {
            alert.escalatedAt = now;
        }
        ask(alert, step.recipients(), now);
    }

    /** When an alert is resolved, those held behind it are sent afresh, with a deadline from now. */
    private void releaseHeld(Instant now) {
        for (Open alert : open.values()) {
            if (!alert.held.isEmpty() && !AlertPolicy.heldBehind(alert.severity, moreSevereOpen(alert))) {
                alert.asked.addAll(alert.held);
                alert.held.clear();
                alert.ackDueAt = now.plus(alert.acknowledgeWithin);
            }
        }
    }

    private void close(Open alert, Instant resolvedAt) {
        open.remove(alert.ruleId);
        if (alert.counted) {
            raised.add(new ReplayedAlert(participant.id(), alert.ruleId, alert.severity, alert.raisedAt,
                    Optional.ofNullable(alert.escalatedAt), resolvedAt, List.copyOf(alert.asked),
                    List.copyOf(alert.held)));
        }
    }
}

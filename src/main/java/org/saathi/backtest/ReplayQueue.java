package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.saathi.alert.AlertPolicy;
import org.saathi.rules.Finding;
import org.saathi.facts.OpenAlert;
import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Recipient;

/**
 * A replayed participant's open alerts, as the live queue would hold them: who each has asked,
 * whose messages are held behind a more severe alert, and what falls due when. Nobody acknowledges
 * in a replay, so an alert is taken to be resolved at its deadline, or a fixed time after it was
 * raised when the options say so (and then its escalation ladder climbs until that time).
 */
final class ReplayQueue {

    /** An alert of the replay while it is open. */
    static final class Open {
        private final String ruleId;
        private final Instant raisedAt;
        private final boolean counted;
        private final Optional<Instant> resolveAt;
        private Severity severity;
        private Instant ackDueAt;
        private Duration acknowledgeWithin;
        private Role escalateTo;
        private int step;
        private Instant lastEvidenceAt;
        private Instant escalatedAt;
        /** When its condition was seen to no longer hold; null while it holds. */
        private Instant clearedAt;
        private final Set<String> asked = new LinkedHashSet<>();
        private final Set<String> held = new LinkedHashSet<>();

        private Open(String ruleId, Instant raisedAt, boolean counted, Optional<Instant> resolveAt) {
            this.ruleId = ruleId;
            this.raisedAt = raisedAt;
            this.counted = counted;
            this.resolveAt = resolveAt;
        }

        Severity severity() {
            return severity;
        }

        /**
         * The next moment something happens to it by itself: resolved, or escalated. A cleared alert
         * climbs no further: a WATCH resolves itself at its deadline, the others wait for a person.
         */
        private Instant due() {
            if (clearedAt != null && !AlertPolicy.resolvesItselfAtDeadline(severity) && resolveAt.isPresent()) {
                return resolveAt.get();
            }
            return resolveAt.filter(at -> !at.isAfter(ackDueAt)).orElse(ackDueAt);
        }
    }

    private final ParticipantContext participant;
    private final ReplayOptions options;
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final List<ReplayedAlert> raised = new ArrayList<>();

    ReplayQueue(ParticipantContext participant, ReplayOptions options) {
        this.participant = participant;
        this.options = options;
    }

    Optional<Open> of(String ruleId) {
        return Optional.ofNullable(open.get(ruleId));
    }

    /** The open alerts as rules weigh them. */
    List<OpenAlert> asFacts() {
        List<OpenAlert> alerts = new ArrayList<>(open.size());
        open.values().forEach(alert -> alerts.add(new OpenAlert(alert.ruleId, alert.severity, alert.raisedAt,
                alert.lastEvidenceAt)));
        return alerts;
    }

    /** The rules of the open alerts whose condition has cleared. */
    Set<String> clearedRules() {
        Set<String> cleared = new LinkedHashSet<>();
        open.values().stream().filter(alert -> alert.clearedAt != null).forEach(alert -> cleared.add(alert.ruleId));
        return cleared;
    }

    /**
     * The alert's condition no longer holds, by a fact of {@code byFactAt}: it climbs no further and
     * holds nothing back. A WATCH raised about a moment already over (the fact came before it) is
     * resolved at once, as the live service does; the others wait for a person.
     */
    void clear(String ruleId, Instant now, Instant byFactAt) {
        Open alert = open.get(ruleId);
        alert.clearedAt = now;
        if (AlertPolicy.resolvesItselfOnceCleared(alert.severity, Optional.of(byFactAt), alert.raisedAt)) {
            close(alert, now);
        }
        releaseHeld(now);
    }

    /** The condition of the rule's cleared alert holds again: it goes on where it stopped. */
    void unclear(String ruleId) {
        open.get(ruleId).clearedAt = null;
    }

    /** A new alert of the rule; {@code counted} unless it was raised at the start of the period. */
    Open raise(String ruleId, Instant now, boolean counted) {
        Open alert = new Open(ruleId, now, counted, options.assumeResolvedAfter().map(now::plus));
        open.put(ruleId, alert);
        return alert;
    }

    /** The finding's severity and policy take over the alert, and its recipients are asked, from now. */
    void ask(Open alert, Finding finding, List<Recipient> recipients, Instant now) {
        alert.severity = finding.severity();
        alert.acknowledgeWithin = finding.acknowledgeWithin();
        alert.escalateTo = finding.escalateTo();
        alert.step = 0;
        alert.ackDueAt = now.plus(finding.acknowledgeWithin());
        ask(alert, recipients);
    }

    void evidenced(Open alert, Instant latestEvidence) {
        if (alert.lastEvidenceAt == null || latestEvidence.isAfter(alert.lastEvidenceAt)) {
            alert.lastEvidenceAt = latestEvidence;
        }
    }

    /** Messages to these recipients: sent, or held while a more severe alert is open. */
    private void ask(Open alert, List<Recipient> recipients) {
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
        for (Open other : open.values()) {
            if (other != alert && other.clearedAt == null && other.severity.isAbove(alert.severity)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves and escalates, in time order, whatever fell due by {@code now}. Alerts due at the same
     * moment are all resolved before any held message is released.
     */
    void passDeadlines(Instant now) {
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
        return alert.clearedAt != null || options.assumeResolvedAfter().isEmpty()
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
        ask(alert, step.recipients());
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
                    List.copyOf(alert.held), Optional.ofNullable(alert.clearedAt)));
        }
    }

    /** Ends the replay: what falls due by its end is passed, what is still open closes when it would. */
    List<ReplayedAlert> finish(Instant end) {
        passDeadlines(end);
        for (Open alert : List.copyOf(open.values())) {
            close(alert, alert.resolveAt.orElse(alert.ackDueAt));
        }
        raised.sort(Comparator.comparing(ReplayedAlert::raisedAt).thenComparing(ReplayedAlert::ruleId));
        return raised;
    }
}

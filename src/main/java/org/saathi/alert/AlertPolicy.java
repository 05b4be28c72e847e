package org.saathi.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.saathi.facts.Fact;
import org.saathi.facts.Now;
import org.saathi.facts.OpenAlert;
import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Recipient;
import org.saathi.roster.Recipients;
import org.saathi.rules.Finding;

/**
 * What live alert handling decides, as plain functions of what is known: whether a finding is
 * news, what it does to an open alert, whether its messages are held, and who the escalation
 * ladder asks next. The live service and a backtest's replay both decide through these, so a
 * replay raises, deduplicates, holds and escalates exactly as the service would have.
 */
public final class AlertPolicy {

    /** What a finding that is news does to the alert of its rule. */
    public enum Change {
        /** No alert of the rule was open: a new one, and its recipients are asked. */
        RAISED,
        /** The open alert rises to the finding's severity, and its recipients are asked again. */
        SEVERITY_RAISED,
        /** CRITICAL is never deduplicated away: new evidence asks for a new acknowledgement, now. */
        NEW_CRITICAL_EVIDENCE,
        /** The open alert holds the new evidence; nobody is asked again. */
        EVIDENCE_ADDED;

        /** Whether recipients are asked (again), with a fresh deadline. */
        public boolean asks() {
            return this != EVIDENCE_ADDED;
        }
    }

    /**
     * Facts recorded more than this before they arrive are history: an evaluation they trigger
     * judges a moment the rest of the history may still change.
     */
    public static final Duration LATE_FACT = Duration.ofHours(24);

    /** A step of the escalation ladder: its number and whom it asks. */
    public record Step(int number, List<Recipient> recipients) {
    }

    /** An open alert whose condition no longer holds, and the newest fact that made the difference. */
    public record Cleared(String ruleId, Fact by) {
    }

    /**
     * What the policy decides from: the participant, their open alerts it may change (locked) and
     * those whose condition has cleared, and for each rule the facts earlier alerts of it rest on
     * with the highest severity each counted at.
     */
    record Picture(ParticipantContext participant, List<AlertStore.OpenRow> open,
            Map<String, Map<String, Severity>> known) {
    }

    private AlertPolicy() {
    }

    /**
     * The ids of the facts a finding rests on; a rule that fired on time alone (no check-in ever,
     * say) rests on the participant's enrolment, so that it too alerts once and not at every sweep.
     */
    public static List<String> evidenceIds(Finding finding, ParticipantContext participant) {
        return evidence(finding, participant).stream().map(AlertStore.Evidence::factId).toList();
    }

    /** The facts a finding rests on, as an alert keeps them; the participant's enrolment for none. */
    static List<AlertStore.Evidence> evidence(Finding finding, ParticipantContext participant) {
        if (finding.evidence().isEmpty()) {
            return List.of(new AlertStore.Evidence("enrolment:" + participant.id(), "ENROLMENT",
                    participant.enrolledAt(), "enrolled; no fact since"));
        }
        return finding.evidence().stream().map(Decisions::evidence).toList();
    }

    /**
     * Whether a finding is news against what earlier alerts of its rule rest on ({@code known}: fact
     * id to the highest severity it counted at): a fact none has held, or one that now counts higher.
     */
    public static boolean isNews(List<String> evidence, Severity severity, Map<String, Severity> known) {
        return evidence.stream().anyMatch(fact -> !known.containsKey(fact) || severity.isAbove(known.get(fact)));
    }

    /**
     * Decides what an evaluation does to the participant's alerts, in the order it is to be written:
     * the alerts whose condition cleared, then the cleared alerts the findings hold again, then for
     * each finding a new alert, a change to its rule's open alert, or nothing (see {@link AlertDecision}).
     */
    static List<AlertDecision> decide(Picture picture, List<Finding> findings, List<Cleared> cleared, Instant now) {
        return new Decisions(picture, now).decide(findings, cleared);
    }

    /**
     * The rules whose open alert an evaluation may change, to be locked before deciding: those that
     * cleared, and those with a finding that is news against {@code known} (rule to fact to severity).
     */
    static Set<String> rulesItMayChange(ParticipantContext participant, List<Finding> findings, List<Cleared> cleared,
            Map<String, Map<String, Severity>> known) {
        Set<String> rules = new LinkedHashSet<>();
        cleared.forEach(condition -> rules.add(condition.ruleId()));
        findings.stream()
                .filter(finding -> isNews(evidenceIds(finding, participant), finding.severity(),
                        known.getOrDefault(finding.ruleId(), Map.of())))
                .forEach(finding -> rules.add(finding.ruleId()));
        return rules;
    }

    /** What a finding that is news does, given the severity of its rule's open alert, if there is one. */
    public static Change change(Optional<Severity> open, Severity finding) {
        if (open.isEmpty()) {
            return Change.RAISED;
        }
        if (finding.isAbove(open.get())) {
            return Change.SEVERITY_RAISED;
        }
        return finding == Severity.CRITICAL ? Change.NEW_CRITICAL_EVIDENCE : Change.EVIDENCE_ADDED;
    }

    /**
     * Whether an alert's messages are held because a more severe alert of the participant is open,
     * not yet acknowledged (the team is already on it). CRITICAL is never held.
     */
    public static boolean heldBehind(Severity severity, boolean moreSevereOpen) {
        return severity != Severity.CRITICAL && moreSevereOpen;
    }

    /**
     * Of the open alerts, those whose condition these findings no longer hold and that may clear:
     * not cleared already, and below CRITICAL, which concerns risk to life and never clears itself.
     */
    public static List<OpenAlert> mayHaveCleared(List<OpenAlert> open, Set<String> clearedRules,
            List<Finding> findings) {
        return open.stream()
                .filter(alert -> alert.severity() != Severity.CRITICAL && !clearedRules.contains(alert.ruleId()))
                .filter(alert -> !Finding.holds(alert.ruleId(), alert.severity(), findings))
                .toList();
    }

    /** A cleared WATCH resolves itself at its deadline; WARNING and URGENT wait for a person. */
    public static boolean resolvesItselfAtDeadline(Severity severity) {
        return severity == Severity.WATCH;
    }

    /**
     * Whether a cleared alert was raised about a moment that was already over: the fact that cleared
     * it happened before it was raised, only Saathi did not know it yet (a history imported, a phone
     * that synchronised late). A WATCH so raised is resolved as cleared at once. A fact dated within a
     * device's clock drift of the raise was as good as on time.
     */
    public static boolean raisedOnAnIncompletePicture(Optional<Instant> clearedByFactAt, Instant raisedAt) {
        return clearedByFactAt.filter(at -> at.isBefore(raisedAt.minus(Now.DRIFT))).isPresent();
    }

    /**
     * Whether a cleared alert resolves itself at once: only a WATCH raised on an incomplete picture.
     * A WARNING or URGENT someone may already be acting on stays open and cleared (off the ladder,
     * down the queue) until a person resolves it, however it cleared; CRITICAL never clears.
     */
    public static boolean resolvesItselfOnceCleared(Severity severity, Optional<Instant> clearedByFactAt,
            Instant raisedAt) {
        return resolvesItselfAtDeadline(severity) && raisedOnAnIncompletePicture(clearedByFactAt, raisedAt);
    }

    /** Whether a fact that happened at {@code at} and arrived {@code now} is history rather than news. */
    public static boolean isLate(Instant at, Instant now) {
        return at.isBefore(now.minus(LATE_FACT));
    }

    /**
     * What an evaluation triggered by a late fact may raise: every CRITICAL finding, always at once,
     * and the others that already held at the fact's own moment ({@code thenFindings}: an absence
     * reported the next day, a craving synchronised late). What only the time since made true, above
     * all a silence whose "now" is an artefact of an import, waits for the sweep, which raises it if
     * it still holds once the history is in.
     */
    public static List<Finding> raisedByLateFact(List<Finding> findings, List<Finding> thenFindings) {
        return findings.stream().filter(finding -> finding.severity() == Severity.CRITICAL
                || Finding.holds(finding.ruleId(), finding.severity(), thenFindings)).toList();
    }

    /**
     * The policy's next level, then the assigned supervisor, then every supervisor of the programme,
     * who stay the top level (a CRITICAL alert goes to them all at once, and keeps going to them all).
     */
    public static List<Role> ladder(Role escalateTo) {
        if (escalateTo == Role.ALL_SUPERVISORS) {
            return List.of(Role.ALL_SUPERVISORS);
        }
        return List.copyOf(new LinkedHashSet<>(List.of(escalateTo, Role.SUPERVISOR, Role.ALL_SUPERVISORS)));
    }

    /**
     * The step after {@code step} for an alert nobody acknowledged: the next level that reaches
     * someone not yet asked; past the top, the top level is reminded.
     */
    public static Step nextStep(Role escalateTo, int step, Set<String> asked, ParticipantContext participant) {
        List<Role> ladder = ladder(escalateTo);
        int next = step + 1;
        List<Recipient> recipients = recipientsOf(ladder.get(Math.min(next, ladder.size()) - 1), participant);
        while (next < ladder.size() && recipients.stream().allMatch(r -> asked.contains(r.staffId()))) {
            next++;
            recipients = recipientsOf(ladder.get(next - 1), participant);
        }
        return new Step(next, recipients);
    }

    /** Someone must always be asked: without anyone active to ask, the admins are (see {@link Recipients}). */
    private static List<Recipient> recipientsOf(Role role, ParticipantContext participant) {
        return Recipients.resolve(List.of(role), participant);
    }
}

package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.saathi.facts.Severity;
import org.saathi.rules.RuleSetProblem;

/**
 * What one rule set did in a backtest: every alert it raised, the budget they add up to, and how
 * they stood against the relapses of the period.
 *
 * @param rules "active", or the candidate folder's name
 * @param warnings the set's scenario tests that fail: a candidate is replayed anyway, but its author should know
 * @param failedEvaluations evaluations in which a rule failed while running; the replay went on without them
 */
public record Run(String rules, String ruleSetVersion, List<ReplayedAlert> alerts, Summary summary,
        Outcomes outcomes, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RuleSetProblem> warnings,
        Failures failedEvaluations) {

    public Run {
        warnings = warnings == null ? List.of() : warnings; // left out of the JSON when empty
    }

    /**
     * The alert budget.
     *
     * @param byWeek alerts raised per week (weeks start on Monday, UTC), by rule; every week of the period is there
     * @param byRecipient alerts that reached each staff member
     * @param participantMonths participant time replayed, in 30-day months (a participant who enrolled
     *        during the period counts from then)
     * @param alertsPerParticipantMonth alerts per participant-month; null when less than one
     *        participant-month was replayed, where a rate would multiply a few alerts into a figure
     *        nobody sees in a month (read {@code alerts} and {@code participantMonths} instead)
     */
    public record Summary(int alerts, Map<String, Integer> byRule, Map<String, Integer> bySeverity,
            Map<String, Map<String, Integer>> byWeek, Map<String, Integer> byRecipient, double participantMonths,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double alertsPerParticipantMonth) {
    }

    /**
     * Relapses of the period (self-reported use, a positive drug screen, an alert staff resolved as a
     * confirmed relapse) with the alerts that came before each, and per rule how often its alerts were
     * followed by one.
     */
    public record Outcomes(List<Relapse> relapses, Map<String, RuleOutcome> byRule) {
    }

    /**
     * @param kind SELF_REPORTED_USE, POSITIVE_DRUG_SCREEN or RELAPSE_CONFIRMED
     * @param precededBy the participant's alerts raised in the 14 days before it, earliest first
     */
    public record Relapse(String participantId, String kind, Instant at, List<Preceding> precededBy) {
    }

    public record Preceding(String ruleId, Severity severity, Instant raisedAt, Duration leadTime) {
    }

    /**
     * @param followedByRelapse alerts after which the participant relapsed within 14 days
     * @param positivePredictiveValue followedByRelapse / alerts
     * @param medianLeadTime from those alerts to the relapse that followed
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record RuleOutcome(int alerts, int followedByRelapse, double positivePredictiveValue,
            Optional<Duration> medianLeadTime) {
    }

    /** How many evaluations failed, with the first few reasons in a rule author's words. */
    public record Failures(int count, List<String> examples) {
    }
}

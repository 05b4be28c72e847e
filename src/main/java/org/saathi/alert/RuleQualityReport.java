package org.saathi.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.facts.Severity;

/**
 * How each rule fared at each severity over a period, from what staff did with its alerts and
 * what followed them: counts and shares only, never an alert or a participant.
 *
 * @param from the start of the period counted: the start of the day of the {@code from} asked for
 * @param to the end of the period counted (not included): the end of the day of the {@code to} asked for
 * @param fewestAlerts a rule and severity with fewer alerts than this shows its count alone
 * @param fewestParticipants so does one whose alerts concern fewer participants than this
 * @param relapseWindowComplete whether every alert counted has had its full 14 days to be followed by a relapse
 * @param outcomes every outcome staff or Saathi can close an alert with, in the order the figures list them
 */
public record RuleQualityReport(Instant from, Instant to, Optional<String> programmeId, int fewestAlerts,
        int fewestParticipants,
        boolean relapseWindowComplete, List<String> outcomes, List<Row> rules) {

    public RuleQualityReport {
        outcomes = List.copyOf(outcomes);
        rules = List.copyOf(rules);
    }

    /** One rule at one severity: the alerts raised, and their figures unless too few to show. */
    public record Row(String ruleId, String ruleName, Severity severity, long alerts, boolean withheld,
            Optional<Figures> figures) {
    }

    /**
     * @param acknowledgementsDue alerts acknowledged, or whose deadline passed while they were open
     * @param acknowledgedInTime of those, acknowledged (or resolved) by the deadline of their severity
     * @param medianTimeToAcknowledge from the moment the alert reached its severity to its acknowledgement
     * @param resolvedByStaff alerts a staff member resolved with an outcome
     * @param overrideRate the share of those resolved as a false alarm
     * @param relapsesWithin14Days alerts after which the participant relapsed within 14 days
     */
    public record Figures(long acknowledgementsDue, long acknowledgedInTime, Optional<Double> shareAcknowledgedInTime,
            Optional<Duration> medianTimeToAcknowledge, Map<String, Long> outcomes, long resolvedByStaff,
            Optional<Double> overrideRate, long relapsesWithin14Days, double relapseShare) {

        public Figures {
            outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        }
    }
}

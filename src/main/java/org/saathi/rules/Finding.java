package org.saathi.rules;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.saathi.facts.Fact;
import org.saathi.facts.Role;
import org.saathi.facts.Severity;

/**
 * One rule's finding about one participant in one evaluation, with the escalation policy's
 * decision for it: the input from which an alert is raised or updated.
 */
public record Finding(String ruleId, String ruleName, Severity severity, String explanation, List<Fact> evidence,
        List<Role> recipients, Duration acknowledgeWithin, Role escalateTo) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        evidence = List.copyOf(evidence);
        recipients = List.copyOf(recipients);
    }

    /**
     * Whether an evaluation's findings hold an open alert's condition: its rule is among them at the
     * alert's severity or above (a PHQ-9 that fell from severe to moderately severe no longer holds
     * an URGENT alert).
     */
    public static boolean holds(String ruleId, Severity severity, List<Finding> findings) {
        return findings.stream().anyMatch(finding -> finding.ruleId().equals(ruleId)
                && !severity.isAbove(finding.severity()));
    }
}

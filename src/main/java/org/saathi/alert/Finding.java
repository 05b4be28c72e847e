package org.saathi.alert;

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
}

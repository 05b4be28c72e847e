package org.saathi.facts;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.runtime.rule.RuleContext;

/**
 * What a detector rule found: its rule, how severe, why (in words a counsellor reads), and the
 * facts that are its evidence. Rules create one with
 * {@code insert(Signal.of(drools, Severity.WARNING, "…", $evidence))}; the rule's id and name are
 * taken from the rule itself.
 */
public record Signal(String ruleId, String ruleName, Severity severity, String explanation, List<Fact> evidence,
        Instant at) {

    private static final Pattern RULE_NAME = Pattern.compile("^([A-Z]+-\\d{3})\\s+(.+)$");

    public Signal {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(explanation, "explanation");
        evidence = evidence.stream().sorted(Comparator.comparing(Fact::at)).toList();
    }

    /** A signal of the rule that is firing, with evidence facts (a fact, a list of them, or none). */
    public static Signal of(Object drools, Severity severity, String explanation, Object evidence) {
        String name = ruleOf(drools);
        List<Fact> facts = Explain.facts(evidence);
        Instant at = facts.stream().map(Fact::at).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        return new Signal(idOf(name), name, severity, explanation, facts, at);
    }

    /** The evidence of several signals together, each fact once. */
    public static List<Fact> evidenceOf(Signal... signals) {
        return java.util.Arrays.stream(signals).flatMap(signal -> signal.evidence().stream()).distinct().toList();
    }

    public String category() {
        return categoryOf(ruleId);
    }

    /** Whether this signal's latest evidence lies within the given days of the other instant. */
    public boolean withinDaysOf(Instant other, double days) {
        return Math.abs(java.time.Duration.between(at, other).toMinutes()) <= days * 24 * 60;
    }

    /** "CHK-002 Sustained high craving" → "CHK-002"; names without an id are refused at load. */
    public static String idOf(String ruleName) {
        Matcher matcher = RULE_NAME.matcher(ruleName);
        if (!matcher.matches()) {
            throw new IllegalStateException("rule \"" + ruleName + "\" has no id such as CHK-001 before its name");
        }
        return matcher.group(1);
    }

    public static boolean hasId(String ruleName) {
        return RULE_NAME.matcher(ruleName).matches();
    }

    static String categoryOf(String ruleId) {
        return ruleId.substring(0, ruleId.indexOf('-'));
    }

    private static String ruleOf(Object drools) {
        if (drools instanceof RuleContext context) {
            return context.getRule().getName();
        }
        if (drools instanceof org.drools.model.Drools model) {
            return model.getContext(RuleContext.class).getRule().getName();
        }
        throw new IllegalArgumentException("Signal.of needs the rule's 'drools' as its first argument");
    }
}

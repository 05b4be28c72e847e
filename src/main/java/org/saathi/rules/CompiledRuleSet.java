package org.saathi.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.saathi.facts.EscalationAction;
import org.saathi.facts.Fact;
import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.facts.Signal;
import org.saathi.roster.ThresholdCatalogue;

/**
 * A rule set that compiled: its version, rules, default thresholds, what to do about each rule's
 * alerts, and scenarios. Immutable and safe to share: each evaluation has its own rule session.
 */
final class CompiledRuleSet {

    /** A rule set that keeps firing past this is looping; evaluation stops rather than hang. */
    static final int MOST_FIRINGS = 10_000;

    /** When no escalation rule matched a signal, it still reaches people: counsellor and supervisor, soon. */
    static final Duration UNMATCHED_ACKNOWLEDGE_WITHIN = Duration.ofHours(4);

    private final String version;
    private final Instant loadedAt;
    private final KieBase rules;
    /**
     * Sessions are reset and reused rather than built afresh: building one costs more than most
     * evaluations, and a sweep or a backtest runs millions of them.
     */
    private final KieSessionsPool sessions;
    private final List<RuleInfo> ruleInfo;
    private final Map<String, ThresholdCatalogue.Spec> thresholds;
    private final ResponseTable responses;
    private final List<Scenario.Located> scenarios;
    private final Duration window;
    private final Duration baselinePeriod;
    private final DeteriorationTable deterioration;

    CompiledRuleSet(String version, Instant loadedAt, KieBase rules, List<RuleInfo> ruleInfo,
            Map<String, ThresholdCatalogue.Spec> thresholds, ResponseTable responses, List<Scenario.Located> scenarios,
            Duration window, Duration baselinePeriod, DeteriorationTable deterioration) {
        this.version = version;
        this.loadedAt = loadedAt;
        this.rules = rules;
        this.sessions = rules == null ? null : rules.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.ruleInfo = List.copyOf(ruleInfo);
        this.thresholds = Map.copyOf(thresholds);
        this.responses = responses;
        this.scenarios = List.copyOf(scenarios);
        this.window = window;
        this.baselinePeriod = baselinePeriod;
        this.deterioration = deterioration;
    }

    /** What the rules find about one participant; one finding per rule id, most severe first. */
    Evaluated evaluate(EvaluationInput input) {
        KieSession session = sessions.newKieSession();
        List<Signal> signals = new ArrayList<>();
        List<EscalationAction> actions = new ArrayList<>();
        try {
            Window.facts(input, window, baselinePeriod, deterioration).forEach(session::insert);
            int fired = session.fireAllRules(MOST_FIRINGS);
            if (fired >= MOST_FIRINGS) {
                throw new IllegalStateException("rule set " + version + " fired " + fired + " times: a rule loops");
            }
            for (Object fact : session.getObjects()) {
                if (fact instanceof Signal signal) {
                    signals.add(signal);
                } else if (fact instanceof EscalationAction action) {
                    actions.add(action);
                }
            }
        } finally {
            session.dispose();
        }
        return merge(signals, actions);
    }

    /** Findings, and the rule ids whose signals no escalation rule took up. */
    record Evaluated(List<Finding> findings, List<String> unescalated) {
    }

    private static Evaluated merge(List<Signal> signals, List<EscalationAction> actions) {
        Map<String, List<Signal>> byRule = signals.stream()
                .collect(Collectors.groupingBy(Signal::ruleId, LinkedHashMap::new, Collectors.toList()));
        List<Finding> findings = new ArrayList<>();
        List<String> unescalated = new ArrayList<>();
        byRule.forEach((ruleId, ruleSignals) -> {
            List<Signal> mostSevereFirst = ruleSignals.stream()
                    .sorted(Comparator.comparing(Signal::severity).reversed().thenComparing(Signal::at,
                            Comparator.reverseOrder()))
                    .toList();
            Signal lead = mostSevereFirst.get(0);
            EscalationAction action = actions.stream().filter(a -> a.signal().equals(lead)).findFirst()
                    .orElse(null);
            if (action == null) {
                unescalated.add(ruleId);
                action = new EscalationAction(lead, List.of(Role.COUNSELLOR, Role.SUPERVISOR),
                        UNMATCHED_ACKNOWLEDGE_WITHIN, Role.ALL_SUPERVISORS);
            }
            String explanation = explanation(mostSevereFirst);
            findings.add(new Finding(ruleId, lead.ruleName(), lead.severity(), explanation,
                    Signal.evidenceOf(mostSevereFirst.toArray(Signal[]::new)), action.recipients(),
                    action.acknowledgeWithin(), action.escalateTo()));
        });
        findings.sort(Comparator.comparing(Finding::severity, Comparator.<Severity>reverseOrder())
                .thenComparing(Finding::ruleId));
        return new Evaluated(findings, unescalated);
    }

    /**
     * The rule's current state in words, said once: the most severe signals' explanations, and a
     * less severe signal's only when it rests on evidence they do not (a WATCH that rose to WARNING
     * on the same silence says the WARNING alone).
     */
    private static String explanation(List<Signal> mostSevereFirst) {
        Severity lead = mostSevereFirst.get(0).severity();
        Set<Fact> told = new HashSet<>();
        List<String> said = new ArrayList<>();
        for (Signal signal : mostSevereFirst) {
            if (signal.severity() == lead || !told.containsAll(signal.evidence())) {
                said.add(signal.explanation());
                told.addAll(signal.evidence());
            }
        }
        return said.stream().distinct().limit(5).collect(Collectors.joining("; "));
    }

    String version() {
        return version;
    }

    Instant loadedAt() {
        return loadedAt;
    }

    List<RuleInfo> rules() {
        return ruleInfo;
    }

    /** The default value of every threshold. */
    Map<String, Double> thresholds() {
        Map<String, Double> values = new LinkedHashMap<>();
        thresholds.forEach((key, spec) -> values.put(key, spec.value()));
        return values;
    }

    Map<String, ThresholdCatalogue.Spec> thresholdSpecs() {
        return thresholds;
    }

    /** What to do about each rule's alerts, by severity. */
    ResponseTable responses() {
        return responses;
    }

    /** How far back an evaluation looks. */
    Duration window() {
        return window;
    }

    /** The domain table of the combined deterioration score (CMB-001). */
    DeteriorationTable deterioration() {
        return deterioration;
    }

    List<Scenario.Located> scenarios() {
        return scenarios;
    }
}

package org.saathi.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The active rule set as staff see it: its version, its rules and their files, its default
 * thresholds, what to do about each rule's alerts by severity, and the domain table of the combined
 * deterioration score.
 */
public record RuleSetView(String version, Instant loadedAt, int scenarios, List<RuleInfo> rules,
        Map<String, Double> thresholds, Map<String, RuleResponse> responses, DeteriorationTable deterioration) {

    static RuleSetView of(CompiledRuleSet set) {
        return new RuleSetView(set.version(), set.loadedAt(), set.scenarios().size(), set.rules(),
                new TreeMap<>(set.thresholds()), set.responses().rules(), set.deterioration());
    }
}

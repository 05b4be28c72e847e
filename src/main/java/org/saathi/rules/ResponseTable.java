package org.saathi.rules;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.saathi.facts.Severity;

/** {@code responses.yaml}: what to do about each rule's alerts, by rule id. */
record ResponseTable(Map<String, RuleResponse> rules) {

    static final ResponseTable NONE = new ResponseTable(Map.of());

    ResponseTable {
        rules = Collections.unmodifiableMap(new TreeMap<>(rules));
    }

    /** The text for this severity, else the rule's default; empty for a rule the file does not know. */
    Optional<WhatToDo> whatToDo(String ruleId, Severity severity) {
        RuleResponse response = rules.get(ruleId);
        if (response == null) {
            return Optional.empty();
        }
        String text = response.bySeverity().getOrDefault(severity, response.otherwise());
        return Optional.ofNullable(text).map(found -> new WhatToDo(found, response.source()));
    }
}

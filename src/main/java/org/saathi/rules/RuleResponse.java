package org.saathi.rules;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.saathi.facts.Severity;

/**
 * What to do about one rule's alerts, as {@code responses.yaml} says: a text per severity, a
 * default for any other severity (or null), and the source of the guidance (or null).
 */
public record RuleResponse(String source, Map<Severity, String> bySeverity, @JsonProperty("default") String otherwise) {

    public RuleResponse {
        bySeverity = Collections.unmodifiableMap(new TreeMap<>(bySeverity));
    }

    boolean covers(Severity severity) {
        return otherwise != null || bySeverity.containsKey(severity);
    }
}

package org.saathi.facts;

/**
 * One programme threshold, e.g. {@code Threshold( key == "CHK-002.craving", $min : value )}.
 * Defaults are in {@code rules/thresholds.yaml}; a programme may override any of them.
 */
public record Threshold(String key, double value) {
}

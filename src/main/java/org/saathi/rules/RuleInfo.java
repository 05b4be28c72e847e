package org.saathi.rules;

/** One rule of a rule set: its stable id, its full name, and where it is written. */
public record RuleInfo(String id, String name, String file, Integer line) {
}

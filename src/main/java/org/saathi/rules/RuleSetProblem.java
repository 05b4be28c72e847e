package org.saathi.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something wrong with a rule set, named by its file (relative to the rules folder) and line, in
 * words a rule author can act on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSetProblem(String file, Integer line, String message) {

    @Override
    public String toString() {
        return file + (line == null ? "" : ":" + line) + ": " + message;
    }
}

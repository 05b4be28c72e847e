package org.saathi.rules;

import java.nio.file.Path;

/** The rules folder the service was started with does not make a valid rule set, so it does not start. */
class RuleSetRefusedAtStart extends RuleSetInvalid {

    private final Path folder;

    RuleSetRefusedAtStart(Path folder, RuleSetInvalid invalid) {
        super(invalid.problems());
        this.folder = folder;
    }

    /** The folder as the author would find it, then the problems one a line: file:line: what is wrong. */
    String summary() {
        StringBuilder summary = new StringBuilder("The rule set in ").append(folder).append(" has ")
                .append(problems().size()).append(problems().size() == 1 ? " problem" : " problems")
                .append(", so Saathi did not start:");
        problems().forEach(problem -> summary.append("\n  ").append(problem));
        return summary.toString();
    }
}

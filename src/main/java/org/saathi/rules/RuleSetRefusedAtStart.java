package org.saathi.rules;

import java.nio.file.Path;
import java.util.List;

/** The rules folder the service was started with does not make a valid rule set, so it does not start. */
class RuleSetRefusedAtStart extends RuntimeException {

    private final Path folder;
    private final List<RuleSetProblem> problems;

    RuleSetRefusedAtStart(Path folder, RuleSetInvalid invalid) {
        super("The rule set in " + folder + " is not valid", invalid);
        this.folder = folder;
        this.problems = invalid.problems();
    }

    /** The folder as the author would find it, the problems one a line: file:line: what is wrong. */
    String summary() {
        StringBuilder summary = new StringBuilder("The rule set in ").append(folder).append(" has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append(", so Saathi did not start:");
        problems.forEach(problem -> summary.append("\n  ").append(problem));
        return summary.toString();
    }
}

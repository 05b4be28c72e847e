package org.saathi.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that does not compile, or does not pass its scenarios, and so never becomes active. */
public class RuleSetInvalid extends RuntimeException {

    private final List<RuleSetProblem> problems;

    RuleSetInvalid(List<RuleSetProblem> problems) {
        super("The rule set is not valid:\n  " + problems.stream().map(RuleSetProblem::toString)
                .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleSetProblem> problems() {
        return problems;
    }
}

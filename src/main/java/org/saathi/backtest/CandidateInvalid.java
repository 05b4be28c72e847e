package org.saathi.backtest;

import java.util.List;

import org.saathi.rules.RuleSetProblem;

/** A candidate rule set that does not compile; {@code field} says which of the request's fields named it. */
public class CandidateInvalid extends RuntimeException {

    private final String field;
    private final List<RuleSetProblem> problems;

    CandidateInvalid(String field, List<RuleSetProblem> problems) {
        super(field + " names a rule set that does not compile");
        this.field = field;
        this.problems = List.copyOf(problems);
    }

    public String field() {
        return field;
    }

    public List<RuleSetProblem> problems() {
        return problems;
    }
}

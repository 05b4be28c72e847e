package org.saathi.backtest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.rules.RuleSetInvalid;
import org.saathi.rules.RuleSetProblem;
import org.saathi.rules.RuleSetReplay;
import org.saathi.rules.RuleSets;

/** The rule set a backtest names: the active one when it names none, or a candidate folder on the server. */
final class RuleSetChoice {

    private final RuleSets ruleSets;

    RuleSetChoice(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    /**
     * The set named in {@code field}; throws {@link ApiProblem} for a candidate that does not exist and
     * {@link CandidateInvalid} for one that does not compile.
     */
    RuleSetReplay named(String field, String name) {
        if (name == null) {
            return ruleSets.active();
        }
        try {
            return ruleSets.candidate(name).orElseThrow(() -> ApiProblem.unprocessable("unknown-rule-set",
                    "No such candidate rule set", "There is no candidate rule set of that name on the server.",
                    List.of(new FieldProblem(field, "no folder of that name in the candidates directory; "
                            + "candidates there: " + ruleSets.candidates()))));
        } catch (RuleSetInvalid invalid) {
            throw new CandidateInvalid(field, invalid.problems());
        }
    }

    /** A candidate that fails its scenarios is replayed all the same, with its failures as warnings. */
    static RunTally tally(String name, RuleSetReplay set, ReplayOptions options) {
        List<RuleSetProblem> warnings = name == null ? List.of() : set.scenarioFailures().stream()
                .map(problem -> new RuleSetProblem(name + "/" + problem.file(), problem.line(), problem.message()))
                .toList();
        return new RunTally(name == null ? "active" : name, set, options, warnings);
    }

    /** How far back facts are read: the longer window of the two sets. */
    static Duration windowOf(RuleSetReplay base, Optional<RuleSetReplay> other) {
        return other.map(RuleSetReplay::window).filter(window -> window.compareTo(base.window()) > 0)
                .orElse(base.window());
    }
}

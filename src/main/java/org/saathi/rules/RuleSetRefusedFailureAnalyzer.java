package org.saathi.rules;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A rule set that does not compile or pass its scenarios stops the start with its problems alone, no stack trace. */
class RuleSetRefusedFailureAnalyzer extends AbstractFailureAnalyzer<RuleSetRefusedAtStart> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuleSetRefusedAtStart cause) {
        return new FailureAnalysis(cause.summary(), "Fix the lines named (rules/README.md says what each file holds) and"
                + " start again, or set SAATHI_RULES_DIRECTORY to another rules folder.", cause);
    }
}

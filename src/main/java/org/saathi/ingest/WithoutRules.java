package org.saathi.ingest;

import java.util.List;

import org.springframework.stereotype.Component;

/** Evaluation before any rule set is wired in: facts are stored and nothing is raised. */
@Component
class WithoutRules implements Evaluation {

    @Override
    public List<RaisedAlert> evaluate(FactRecorded fact) {
        return List.of();
    }
}

package org.saathi.rules;

import org.springframework.stereotype.Service;

/** What other features may read of the rules: the active set, as the rules page shows it. */
@Service
public class RuleCatalogue {

    private final ActiveRuleSet rules;

    RuleCatalogue(ActiveRuleSet rules) {
        this.rules = rules;
    }

    public RuleSetView active() {
        return RuleSetView.of(rules.current());
    }
}

package org.saathi.rules;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready only with a compiled rule set whose scenarios passed; the version says which. */
@Component("rulesHealthIndicator")
class RuleSetHealth implements HealthIndicator {

    private final ActiveRuleSet rules;

    RuleSetHealth(ActiveRuleSet rules) {
        this.rules = rules;
    }

    @Override
    public Health health() {
        CompiledRuleSet current = rules.current();
        return current == null ? Health.down().build()
                : Health.up().withDetail("version", current.version()).withDetail("rules", current.rules().size())
                        .build();
    }
}

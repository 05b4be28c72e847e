package org.saathi.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** How the rule sets are doing: reloads by result. What the rules find is counted where they run. */
@Component
class RuleMetrics {

    private final MeterRegistry registry;

    RuleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void reload(boolean loaded) {
        Counter.builder("saathi.rule.reloads").description("Rule set reloads by result")
                .tag("result", loaded ? "loaded" : "refused").register(registry).increment();
    }
}

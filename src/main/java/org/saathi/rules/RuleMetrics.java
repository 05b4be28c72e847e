package org.saathi.rules;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * How the rules are doing: evaluation time, what each rule finds, reloads and sweeps. Tags are
 * rule ids and outcomes only, never a participant.
 */
@Component
class RuleMetrics {

    private final MeterRegistry registry;
    private final Timer evaluation;
    private final Timer evaluationSweep;

    RuleMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evaluation = Timer.builder("saathi.rule.evaluation")
                .description("Evaluation of one participant: facts read, rules run, alerts written")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        this.evaluationSweep = sweepTimer(registry, "evaluation");
    }

    static Timer sweepTimer(MeterRegistry registry, String sweep) {
        return Timer.builder("saathi.sweep").description("One round of a sweep over due work")
                .tag("sweep", sweep).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    <T> T timeEvaluation(Supplier<T> work) {
        return evaluation.record(work);
    }

    <T> T timeSweep(Supplier<T> work) {
        return evaluationSweep.record(work);
    }

    void signal(String ruleId) {
        Counter.builder("saathi.signals").description("What detector rules found, by rule")
                .tag("rule", ruleId).register(registry).increment();
    }

    void reload(boolean loaded) {
        Counter.builder("saathi.rule.reloads").description("Rule set reloads by result")
                .tag("result", loaded ? "loaded" : "refused").register(registry).increment();
    }
}

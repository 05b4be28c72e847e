package org.saathi.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * How evaluation is doing: the time one participant takes, what each rule finds, and the rounds of
 * the sweep. Tags are rule ids only, never a participant.
 */
@Component
class EvaluationMetrics {

    private final MeterRegistry registry;
    private final Timer evaluation;
    private final Timer evaluationSweep;
    /** Each rule's counter, built once: building and registering one on every finding costs more than counting. */
    private final Map<String, Counter> signals = new ConcurrentHashMap<>();

    EvaluationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evaluation = Timer.builder("saathi.rule.evaluation")
                .description("Evaluation of one participant: facts read, rules run, alerts written")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        this.evaluationSweep = Timer.builder("saathi.sweep").description("One round of a sweep over due work")
                .tag("sweep", "evaluation").publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    /** One participant evaluated in this time, with their share of reads made for several at once. */
    void evaluated(Duration took) {
        evaluation.record(took);
    }

    <T> T timeSweep(Supplier<T> work) {
        return evaluationSweep.record(work);
    }

    void signal(String ruleId) {
        signals.computeIfAbsent(ruleId, rule -> Counter.builder("saathi.signals")
                .description("What detector rules found, by rule").tag("rule", rule).register(registry)).increment();
    }
}

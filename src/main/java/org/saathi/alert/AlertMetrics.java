package org.saathi.alert;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.saathi.facts.Severity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Alerts raised and what happened to them, by severity and rule; counted once the change is
 * committed, so a change that was rolled back is not counted. Never tagged with a participant.
 */
@Component
class AlertMetrics {

    private final MeterRegistry registry;
    private final Timer escalationSweep;
    /** Each counter built once, by its name and tags, the first time it counts rather than on every change. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.escalationSweep = Timer.builder("saathi.sweep").description("One round of a sweep over due work")
                .tag("sweep", "escalation").publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    void timeEscalationSweep(Runnable sweep) {
        escalationSweep.record(sweep);
    }

    void raised(String ruleId, Severity severity) {
        afterCommit(() -> counters.computeIfAbsent("raised " + severity + " " + ruleId,
                key -> Counter.builder("saathi.alerts.raised").description("Alerts raised, by severity and rule")
                        .tag("severity", severity.name()).tag("rule", ruleId).register(registry)).increment());
    }

    /** @param change severity_raised, acknowledged, resolved, snoozed, escalated, cleared or uncleared */
    void changed(String severity, String change) {
        afterCommit(() -> counters.computeIfAbsent("changed " + severity + " " + change,
                key -> Counter.builder("saathi.alert.changes").description("Alert state changes, by severity")
                        .tag("severity", severity).tag("change", change).register(registry)).increment());
    }

    void acknowledgedAfter(String severity, Duration waited) {
        afterCommit(() -> Timer.builder("saathi.alert.time.to.acknowledge")
                .description("From an alert being raised to someone acknowledging it")
                .tag("severity", severity).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(10)).maximumExpectedValue(Duration.ofDays(3))
                .register(registry).record(waited.isNegative() ? Duration.ZERO : waited));
    }

    private static void afterCommit(Runnable count) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}

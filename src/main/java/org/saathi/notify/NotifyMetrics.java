package org.saathi.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.saathi.roster.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivery by channel and outcome, and the outbox as an operator watches it: how much waits, and
 * how long the oldest undelivered notification has waited. The outbox is read at most every few
 * seconds, however often it is scraped.
 */
@Component
class NotifyMetrics {

    private static final Logger log = LoggerFactory.getLogger(NotifyMetrics.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private record Snapshot(Instant at, Map<String, Long> counts, double oldestPendingSeconds) {
    }

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** Each channel and outcome's counter, built once rather than on every delivery. */
    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(Instant.MIN, Map.of(), 0);

    NotifyMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
        for (NotificationState waiting : NotificationState.WAITING) {
            String state = waiting.name();
            Gauge.builder("saathi.outbox.backlog", this, metrics -> metrics.snapshot().counts().getOrDefault(state, 0L))
                    .description("Notifications not yet delivered, by state").tag("state", state).register(registry);
        }
        Gauge.builder("saathi.outbox.oldest.pending.age", this, metrics -> metrics.snapshot().oldestPendingSeconds())
                .description("How long the oldest notification still to be delivered has waited")
                .baseUnit("seconds").register(registry);
    }

    /** @param outcome sent, retried, failed or cancelled */
    void delivered(Channel channel, String outcome) {
        deliveries.computeIfAbsent(channel.name() + " " + outcome, key -> Counter.builder("saathi.notifications")
                .description("Delivery attempts by channel and outcome").tag("channel", channel.name())
                .tag("outcome", outcome).register(registry)).increment();
    }

    private Snapshot snapshot() {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current.at().plus(FRESH_FOR).isAfter(now)) {
            return current;
        }
        try {
            Map<String, Long> counts = new HashMap<>();
            Instant[] oldest = {null};
            jdbc.sql("""
                            SELECT state, count(*) AS waiting, min(created_at) AS oldest FROM notification
                            WHERE state IN ('PENDING', 'SENDING', 'HELD') GROUP BY state""")
                    .query(rs -> {
                        counts.put(rs.getString("state"), rs.getLong("waiting"));
                        Timestamp first = rs.getTimestamp("oldest");
                        // A held notification waits on purpose; only those due for delivery count as late.
                        if (!NotificationState.HELD.name().equals(rs.getString("state"))
                                && (oldest[0] == null || first.toInstant().isBefore(oldest[0]))) {
                            oldest[0] = first.toInstant();
                        }
                    });
            double age = oldest[0] == null ? 0 : Math.max(0, Duration.between(oldest[0], now).toMillis() / 1000.0);
            snapshot = new Snapshot(now, Map.copyOf(counts), age);
        } catch (RuntimeException unavailable) {
            log.warn("Could not read the outbox for metrics: {}", unavailable.getMessage());
        }
        return snapshot;
    }
}

package org.saathi.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether notifications are moving: DOWN when one has been due for delivery, or stuck mid-send,
 * for longer than a dispatcher would ever leave it. A channel that is down does not make the
 * outbox stuck: its notifications wait for their next attempt, which is not yet due.
 */
@Component("outboxHealthIndicator")
class OutboxHealth implements HealthIndicator {

    static final Duration STUCK_AFTER = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final NotifySettings settings;
    private final Clock clock;

    OutboxHealth(JdbcClient jdbc, NotifySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (!settings.dispatcher()) {
            return Health.up().withDetail("dispatcher", "off on this instance").build();
        }
        Timestamp overdue = Timestamp.from(clock.instant().minus(STUCK_AFTER));
        long stuck = jdbc.sql("""
                        SELECT count(*) FROM notification
                        WHERE (state = 'PENDING' AND next_attempt_at < :overdue)
                           OR (state = 'SENDING' AND lease_until < :overdue)""")
                .param("overdue", overdue).query(Long.class).single();
        return stuck == 0 ? Health.up().build()
                : Health.down().withDetail("overdueNotifications", stuck).build();
    }
}

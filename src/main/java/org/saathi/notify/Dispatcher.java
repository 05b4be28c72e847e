package org.saathi.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.saathi.roster.Channel;
import org.saathi.roster.Roster;
import org.saathi.roster.StaffContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due notifications. A thread leases a batch ({@code FOR UPDATE SKIP LOCKED}, then
 * SENDING until the lease ends), so several threads and instances share the work and none sends
 * what another holds. Each message is sent outside any transaction and its result recorded on its
 * own, so a crash repeats at most the message in flight (after its lease ends), and nobody's
 * acknowledgement waits on a slow gateway. Just before sending, it checks that the recipient may
 * still hear of the participant (consent, assignment). A failed attempt is retried after a pause
 * that doubles each time, for at least a day, then marked failed, which the alert shows.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Roster roster;
    private final Map<Channel, Courier> couriers = new EnumMap<>(Channel.class);
    private final Wakeup wakeup;
    private final NotifySettings settings;
    private final NotifyMetrics metrics;
    private final Clock clock;
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running;

    Dispatcher(JdbcClient jdbc, TransactionTemplate transactions, Roster roster, List<Courier> couriers,
            Wakeup wakeup, NotifySettings settings, NotifyMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.transactions = transactions;
        this.roster = roster;
        couriers.forEach(courier -> this.couriers.put(courier.channel(), courier));
        this.wakeup = wakeup;
        this.settings = settings;
        this.clock = clock;
    }

    /** Long enough for a whole batch over a slow channel: 20 messages at the 10 s timeouts each. */
    static final Duration LEASE = Duration.ofMinutes(10);

    private record Claimed(UUID id, UUID alertId, String participantId, String staffId, Channel channel, String kind,
            String subject, String body, int attempts, Instant createdAt) {
    }

    /** Delivers one batch of due notifications; answers how many were attempted. */
    int dispatchOnce() {
        Instant now = clock.instant();
        List<Claimed> batch = transactions.execute(status -> jdbc.sql("""
                        UPDATE notification SET state = 'SENDING', lease_until = :lease
                        WHERE id IN (SELECT id FROM notification
                                     WHERE (state = 'PENDING' AND next_attempt_at <= :now)
                                        OR (state = 'SENDING' AND lease_until < :now)
                                     ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                        RETURNING *""")
                .param("now", Timestamp.from(now)).param("lease", Timestamp.from(now.plus(LEASE)))
                .param("batch", settings.batch())
                .query((rs, row) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("alert_id", UUID.class),
                        rs.getString("participant_id"), rs.getString("staff_id"),
                        Channel.valueOf(rs.getString("channel")), rs.getString("kind"), rs.getString("subject"),
                        rs.getString("body"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant()))
                .list());
        if (batch == null) {
            return 0;
        }
        batch.forEach(this::attempt);
        return batch.size();
    }

    private void attempt(Claimed notification) {
        if (notification.participantId() != null
                && !roster.mayHearAbout(notification.staffId(), notification.participantId())) {
            finish(notification, NotificationState.CANCELLED, notification.attempts(),
                    "no longer assigned to the participant, consent withdrawn, or deactivated", clock.instant(), null);
            return;
        }
        Delivery delivery = roster.contact(notification.staffId())
                .map(contact -> deliver(notification, contact))
                .orElse(new Delivery.Failed("staff member no longer exists"));
        Instant now = clock.instant();
        int attempts = notification.attempts() + 1;
        if (delivery instanceof Delivery.Sent) {
            finish(notification, NotificationState.SENT, attempts, null, now, now);
        } else if (delivery instanceof Delivery.Failed failed) {
            log.warn("Notification {} for alert {} failed: {}", notification.id(), notification.alertId(), failed.error());
            finish(notification, NotificationState.FAILED, attempts, failed.error(), now, null);
        } else if (delivery instanceof Delivery.Retry retry) {
            Instant next = now.plus(retry.after().orElse(pause(attempts)));
            if (next.isAfter(notification.createdAt().plus(settings.retryFor()))) {
                log.error("Notification {} for alert {} gave up after {} attempts: {}", notification.id(),
                        notification.alertId(), attempts, retry.error());
                finish(notification, NotificationState.FAILED, attempts, "gave up after " + attempts + " attempts: "
                        + retry.error(), now, null);
            } else {
                finish(notification, NotificationState.PENDING, attempts, retry.error(), next, null);
            }
        }
    }

    private Delivery deliver(Claimed notification, StaffContact contact) {
        Courier courier = couriers.get(notification.channel());
        try {
            return courier.deliver(new Courier.Outgoing(notification.id(), notification.alertId(), notification.kind(),
                    notification.subject(), notification.body()), contact);
        } catch (RuntimeException unexpected) {
            log.error("Notification {} could not be delivered", notification.id(), unexpected);
            return new Delivery.Retry(unexpected.getClass().getSimpleName(), Optional.empty());
        }
    }

    /** 30 s, 1 min, 2 min, 4 min … up to an hour between attempts. */
    Duration pause(int attempts) {
        Duration pause = settings.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        return pause.compareTo(settings.longestRetry()) > 0 ? settings.longestRetry() : pause;
    }

    private void finish(Claimed notification, NotificationState state, int attempts, String error,
            Instant nextAttempt, Instant sentAt) {
        record(notification.id(), state, attempts, error, nextAttempt, sentAt);
        metrics.delivered(notification.channel(), state == NotificationState.PENDING ? "retried"
                : state.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void record(UUID id, NotificationState state, int attempts, String error, Instant nextAttempt,
            Instant sentAt) {
        jdbc.sql("""
                        UPDATE notification SET state = :state, attempts = :attempts, last_error = :error,
                            next_attempt_at = :next, sent_at = :sent, lease_until = NULL
                        WHERE id = :id AND state = 'SENDING'""")
                .param("state", state.name()).param("attempts", attempts).param("error", error)
                .param("next", Timestamp.from(nextAttempt))
                .param("sent", sentAt == null ? null : Timestamp.from(sentAt)).param("id", id)
                .update();
    }

    @Override
    public void start() {
        if (!settings.dispatcher()) {
            log.info("Notification dispatcher is off on this instance (saathi.notify.dispatcher=false)");
            return;
        }
        running = true;
        for (int i = 1; i <= settings.threads(); i++) {
            Thread worker = new Thread(this::run, "saathi-dispatcher-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void run() {
        while (running) {
            try {
                int attempted = dispatchOnce();
                if (attempted == settings.batch()) {
                    wakeup.now(); // more is waiting: bring another thread in
                } else if (attempted == 0) {
                    wakeup.await(settings.poll());
                }
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException failure) {
                log.error("Notification dispatch failed; trying again shortly", failure);
                sleep();
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(settings.poll().toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package org.saathi.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.saathi.roster.Roster;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestMail;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A second dispatcher, as another instance would run it, against the same database. */
@SaathiTest
class TwoDispatcherTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Roster roster;

    @Autowired
    List<Courier> couriers;

    @Autowired
    NotifySettings settings;

    @Autowired
    NotifyMetrics metrics;

    @Autowired
    Clock clock;

    @Test
    void noNotificationIsSentTwice() throws Exception {
        Dispatcher second = new Dispatcher(jdbc, transactions, roster, couriers, new Wakeup(), settings, metrics, clock);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread other = new Thread(() -> {
            while (running.get()) {
                if (second.dispatchOnce() == 0) {
                    sleep();
                }
            }
        });
        other.start();
        Fixtures fixtures = new Fixtures(port);
        Api ingest = fixtures.integration("ingest");
        List<String> alerts = new ArrayList<>();
        try {
            String mentor = fixtures.staff("PEER_MENTOR");
            String counsellor = fixtures.staff("COUNSELLOR");
            for (int i = 0; i < 15; i++) {
                String participant = fixtures.participant(mentor, counsellor, true);
                alerts.add(ingest.post("/api/v1/check-ins", """
                        {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 7, "usedSubstance": true}"""
                        .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS))).json().path("alerts").get(0)
                        .path("id").asString());
            }
            assertThat(Waiting.until(Duration.ofSeconds(20), () -> alerts.stream().allMatch(this::allSent))).isTrue();
        } finally {
            running.set(false);
            other.join();
        }

        List<String> ids = jdbc.sql("SELECT id::text FROM notification WHERE alert_id::text IN (:alerts)")
                .param("alerts", alerts).query(String.class).list();
        assertThat(ids).hasSize(30);
        Map<String, Long> received = Arrays.stream(TestMail.received()).map(TwoDispatcherTests::messageId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (String id : ids) {
            assertThat(received.get("<" + id + "@saathi.local>")).as("copies of %s", id).isEqualTo(1L);
        }
    }

    private boolean allSent(String alert) {
        return jdbc.sql("SELECT bool_and(state = 'SENT') FROM notification WHERE alert_id = CAST(:a AS uuid)")
                .param("a", alert).query(Boolean.class).optional().orElse(false);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException unreadable) {
            return "";
        }
    }
}

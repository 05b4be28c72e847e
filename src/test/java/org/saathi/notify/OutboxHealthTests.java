package org.saathi.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox is reported stuck when a notification has been due far longer than any dispatcher leaves one. */
@SaathiTest
class OutboxHealthTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NotifySettings settings;

    @Test
    void notificationDueForLongerThanTenMinutesMakesTheOutboxDown() {
        Fixtures fixtures = new Fixtures(port);
        String staff = fixtures.staff("COUNSELLOR");
        Api.Reply raised = fixtures.integration("ingest").post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6}"""
                .formatted(fixtures.participant(fixtures.staff("PEER_MENTOR"), staff, true),
                        Instant.now().minus(1, ChronoUnit.MINUTES)));
        UUID alertId = UUID.fromString(raised.json().path("alerts").get(0).path("id").asString());
        // Due tomorrow: no dispatcher touches it today, so its age is the clock's alone.
        Instant due = Instant.now().plus(Duration.ofDays(1));
        UUID id = jdbc.sql("""
                        INSERT INTO notification (alert_id, staff_id, channel, round, kind, state, subject, body,
                                                  next_attempt_at, created_at)
                        VALUES (:alert, :staff, 'LOG', 99, 'TEST', 'PENDING', 's', 'b', :due, :due)
                        RETURNING id""")
                .param("alert", alertId).param("staff", staff).param("due", Timestamp.from(due))
                .query(UUID.class).single();
        try {
            // Other tests' notifications may wait for retries within the day, so only "now" can be shown UP.
            Clock stuck = Clock.fixed(due.plus(Duration.ofMinutes(11)), ZoneOffset.UTC);

            assertThat(new OutboxHealth(jdbc, settings, Clock.systemUTC()).health().getStatus()).isEqualTo(Status.UP);
            assertThat(new OutboxHealth(jdbc, settings, stuck).health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            jdbc.sql("UPDATE notification SET state = 'CANCELLED' WHERE id = :id").param("id", id).update();
        }
    }
}

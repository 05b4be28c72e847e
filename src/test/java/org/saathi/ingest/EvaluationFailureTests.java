package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.CareTeam;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fact is kept when its evaluation fails in the database: a statement of the evaluation that
 * fails (here the read of the window, cancelled as an operator or a timeout would) must not take the
 * fact just stored down with it.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationFailureTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    CareTeam team;

    @BeforeAll
    void setUp() {
        team = CareTeam.of(new Fixtures(port));
    }

    @Test
    void aCheckInIsKeptWhenTheReadOfItsWindowIsCancelled() throws Exception {
        String participant = team.participant();
        String at = Fixtures.ago(1, ChronoUnit.HOURS);
        CompletableFuture<Api.Reply> reply;
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE peer_concern IN ACCESS EXCLUSIVE MODE");
            reply = CompletableFuture.supplyAsync(() -> team.ingest().post("/api/v1/check-ins", """
                    {"participantId": "%s", "recordedAt": "%s", "source": "sms-bot", "craving": 2, "mood": 7}"""
                    .formatted(participant, at)));
            cancelTheEvaluationWaitingOnTheLock();
            blocker.rollback();
        }

        Api.Reply answer = reply.get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM check_in WHERE participant_id = :participant")
                .param("participant", participant).query(Long.class).single()).isOne();
    }

    private void cancelTheEvaluationWaitingOnTheLock() throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            boolean cancelled = jdbc.sql("""
                    SELECT coalesce(bool_or(pg_cancel_backend(pid)), false) FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()""")
                    .query(Boolean.class).single();
            if (cancelled) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no evaluation waited on the lock");
    }
}

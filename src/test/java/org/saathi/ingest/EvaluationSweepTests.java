package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Silence raises GAP-001 only through the sweep: nobody posts a fact to say nothing was posted. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationSweepTests {

    @LocalServerPort
    int port;

    @Autowired
    EvaluationSweep sweep;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Api ingest;
    String mentor;
    String counsellor;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    /** Back to now, forgetting the rounds swept days ahead, which would otherwise hold back the next test's round. */
    @AfterEach
    void backToNow() {
        clock.reset();
        jdbc.sql("DELETE FROM sweep_mark").update();
    }

    @Test
    void twoDaysOfSilenceRaiseAWatchAndFourDaysAWarning() {
        String participant = fixtures.participant(mentor, counsellor, true);
        ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 7}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.MINUTES)));

        clock.advance(Duration.ofHours(47));
        sweep.sweepRound();
        assertThat(gap(participant)).isNull();

        clock.advance(Duration.ofHours(2));
        sweep.sweepRound();
        assertThat(gap(participant)).isEqualTo("WATCH");

        clock.advance(Duration.ofHours(48));
        sweep.sweepRound();
        assertThat(gap(participant)).isEqualTo("WARNING");
        assertThat(jdbc.sql("SELECT count(*) FROM alert WHERE participant_id = :p AND rule_id = 'GAP-001'")
                .param("p", participant).query(Integer.class).single()).isOne();
    }

    @Test
    void aWatchThatRoseToAWarningExplainsTheWarningOnce() {
        String participant = fixtures.participant(mentor, counsellor, true);
        ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 7}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.MINUTES)));
        clock.advance(Duration.ofHours(49));
        sweep.sweepRound();
        clock.advance(Duration.ofHours(123));
        sweep.sweepRound();

        String alert = jdbc.sql("SELECT id::text FROM alert WHERE participant_id = :p AND rule_id = 'GAP-001'")
                .param("p", participant).query(String.class).single();
        JsonNode detail = fixtures.as(counsellor).get("/api/v1/alerts/" + alert).json();

        assertThat(detail.path("severity").asString()).isEqualTo("WARNING");
        assertThat(detail.path("explanation").asString()).isEqualTo("No check-in for 7 days (172 hours); anyone silent for 96 hours is followed up");
    }

    @Test
    void aDischargedParticipantIsNotSwept() {
        String participant = fixtures.participant(mentor, counsellor, true);
        fixtures.admin().put("/api/v1/participants/" + participant, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "status": "DISCHARGED"}"""
                .formatted(mentor, counsellor));

        clock.advance(Duration.ofDays(5));
        sweep.sweepRound();

        assertThat(gap(participant)).isNull();
    }

    @Test
    void twoSweepersShareARoundWithoutDoubleWork() throws Exception {
        for (int i = 0; i < 30; i++) {
            fixtures.participant(mentor, counsellor, true);
        }
        clock.advance(Duration.ofHours(1));
        int active = jdbc.sql("SELECT count(*) FROM participant WHERE status = 'ACTIVE'").query(Integer.class).single();

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(sweep::sweepRound);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(sweep::sweepRound);

        assertThat(one.get() + two.get()).isEqualTo(active);
        assertThat(sweep.sweepRound()).isZero();
    }

    private String gap(String participant) {
        return jdbc.sql("""
                        SELECT severity FROM alert WHERE participant_id = :p AND rule_id = 'GAP-001'
                        AND status = 'OPEN'""")
                .param("p", participant).query(String.class).optional().orElse(null);
    }
}

package org.saathi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.Waiting;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator sees: open health with liveness and readiness groups, and Prometheus metrics
 * named as the README lists them, behind a login, never tagged with a participant or staff id, and
 * accepted by Prometheus' own checker.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityTests {

    @LocalServerPort
    int port;

    Fixtures fixtures;
    String mentor;
    String counsellor;
    String participant;

    @BeforeAll
    void raiseAnAlert() {
        fixtures = new Fixtures(port);
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
        participant = fixtures.participant(mentor, counsellor, true);
        Api.Reply reply = fixtures.integration("ingest").post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6}"""
                .formatted(participant, Instant.now().minus(2, ChronoUnit.MINUTES)));
        assertThat(reply.status()).isEqualTo(201);
        String alertId = reply.json().path("alerts").get(0).path("id").asString();
        fixtures.as(counsellor).post("/api/v1/alerts/" + alertId + "/acknowledge", "{}");
        fixtures.integration("ingest").post("/api/v1/check-ins", "{\"participantId\": \"" + participant + "\"}");
    }

    @Test
    void healthLivenessAndReadinessAreOpenAndUp() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Api.Reply health = fixtures.anonymous().get(path);
            assertThat(health.status()).as(path).isEqualTo(200);
            assertThat(health.json().path("status").asString()).as(path).isEqualTo("UP");
            assertThat(health.body()).as("no details for anyone").doesNotContain("rules").doesNotContain("outbox");
        }
    }

    @Test
    void readinessCoversTheDatabaseTheRuleSetAndTheOutboxForAdmins() {
        Api.Reply readiness = fixtures.admin().get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").path("rules").path("details").path("version").asString())
                .isNotBlank();
        assertThat(readiness.json().path("components").path("outbox").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void metricsNeedAnAdminOrAMetricsKey() {
        assertThat(fixtures.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(fixtures.as(counsellor).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(fixtures.integration("ingest").get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(fixtures.admin().get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(fixtures.integration("metrics").get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void metricsKeyReadsNothingElse() {
        Api scraper = fixtures.integration("metrics");

        assertThat(scraper.get("/api/v1/participants/" + participant).status()).isEqualTo(403);
        assertThat(scraper.get("/api/v1/alerts").status()).isEqualTo(403);
        assertThat(scraper.get("/actuator/info").status()).isEqualTo(403);
    }

    @Test
    void metricsCarryTheNamesOperatorsDashboardsUse() {
        assertThat(Waiting.until(Duration.ofSeconds(15), () -> scrape().contains("outcome=\"sent\"")))
                .as("the alert's notification is delivered").isTrue();
        String metrics = scrape();

        assertThat(metrics)
                .contains("saathi_facts_ingested_total{application=\"saathi\",result=\"created\",type=\"CHECK_IN\"}")
                .contains("saathi_facts_ingested_total{application=\"saathi\",result=\"rejected\",type=\"CHECK_IN\"}")
                .contains("saathi_rule_evaluation_seconds_bucket")
                .contains("saathi_signals_total{application=\"saathi\",rule=\"CHK-001\"}")
                .contains("saathi_alerts_raised_total{application=\"saathi\",rule=\"CHK-001\",severity=\"WATCH\"}")
                .contains("saathi_alert_changes_total{application=\"saathi\",change=\"acknowledged\",severity=\"WATCH\"}")
                .contains("saathi_alert_time_to_acknowledge_seconds_bucket")
                .contains("saathi_notifications_total{application=\"saathi\",channel=\"EMAIL\",outcome=\"sent\"}")
                .contains("saathi_outbox_backlog{application=\"saathi\",state=\"PENDING\"}")
                .contains("saathi_outbox_oldest_pending_age_seconds");
    }

    @Test
    void noParticipantOrStaffIdIsEverATag() {
        String metrics = scrape();

        assertThat(metrics).doesNotContain(participant).doesNotContain(mentor).doesNotContain(counsellor);
    }

    @Test
    void expositionPassesPrometheusOwnChecker() throws IOException, InterruptedException {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(scrape().getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(promtool.exitValue()).as("promtool check metrics: %s", output).isZero();
    }

    @Test
    void ruleReloadsAreCounted() {
        assertThat(fixtures.admin().post("/api/v1/rules/reload", "{}").status()).isEqualTo(200);

        assertThat(scrape()).contains("saathi_rule_reloads_total{application=\"saathi\",result=\"loaded\"}");
    }

    private String scrape() {
        Api.Reply reply = fixtures.admin().get("/actuator/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }
}

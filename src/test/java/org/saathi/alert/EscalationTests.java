package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.CareTeam;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The escalation ladder, driven by the service's clock rather than by waiting. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationTests {

    @LocalServerPort
    int port;

    @Autowired
    Escalations escalations;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    CareTeam team;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void anUnacknowledgedWatchClimbsTheLadderUntilSomeoneActs() {
        String supervisor = fixtures.staff("SUPERVISOR");
        String participant = participantWithSupervisor(supervisor);
        String alert = AlertSteps.watch(team.ingest(), participant);

        clock.advance(Duration.ofHours(23));
        escalations.escalateDue();
        assertThat(detail(alert).path("handling").path("escalationStep").asInt()).isZero();

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        escalations.escalateDue();
        JsonNode first = detail(alert);
        assertThat(first.path("handling").path("escalationStep").asInt()).isOne();
        assertThat(recipientsAt(first, 1)).containsExactly(team.counsellor());
        assertThat(AlertSteps.actions(first)).contains("ESCALATED");
        assertThat(Instant.parse(first.path("ackDueAt").asString())).isAfter(clock.instant().plus(Duration.ofHours(23)));

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        escalations.escalateDue();
        assertThat(recipientsAt(detail(alert), 2)).containsExactly(supervisor);

        fixtures.as(team.counsellor()).post("/api/v1/alerts/" + alert + "/acknowledge", "{}");
        clock.advance(Duration.ofHours(48));
        escalations.escalateDue();
        assertThat(detail(alert).path("handling").path("escalationStep").asInt()).isEqualTo(2);
    }

    @Test
    void withoutConsentAWatchSkipsTheCounsellorItAlreadyReached() {
        String supervisor = fixtures.staff("SUPERVISOR");
        String participant = Fixtures.uniqueId("P");
        fixtures.admin().put("/api/v1/participants/" + participant, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "supervisorId": "%s",
                 "consent": {"shareWithPeerMentor": false}}""".formatted(team.mentor(), team.counsellor(), supervisor));
        String alert = AlertSteps.watch(team.ingest(), participant);

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        escalations.escalateDue();

        JsonNode escalated = detail(alert);
        assertThat(escalated.path("handling").path("escalationStep").asInt()).isEqualTo(2);
        assertThat(recipientsAt(escalated, 2)).containsExactly(supervisor);
    }

    @Test
    void aCriticalAlertReachesEverySupervisorAfterHalfAnHour() {
        String assigned = fixtures.staff("SUPERVISOR");
        String other = fixtures.staff("SUPERVISOR");
        String participant = participantWithSupervisor(assigned);
        String alert = AlertSteps.selfHarm(team.ingest(), participant, 1);
        assertThat(recipientsAt(detail(alert), 0)).contains(team.counsellor(), assigned);

        clock.advance(Duration.ofMinutes(31));
        escalations.escalateDue();

        JsonNode escalated = detail(alert);
        assertThat(recipientsAt(escalated, escalated.path("handling").path("escalationStep").asInt()))
                .contains(other).doesNotContain(team.counsellor());
    }

    @Test
    void aCriticalAlertKeepsRemindingEverySupervisor() {
        String assigned = fixtures.staff("SUPERVISOR");
        String other = fixtures.staff("SUPERVISOR");
        String alert = AlertSteps.selfHarm(team.ingest(), participantWithSupervisor(assigned), 1);

        clock.advance(Duration.ofMinutes(31));
        escalations.escalateDue();
        clock.advance(Duration.ofMinutes(31));
        escalations.escalateDue();

        JsonNode reminded = detail(alert);
        assertThat(reminded.path("handling").path("escalationStep").asInt()).isEqualTo(2);
        assertThat(recipientsAt(reminded, 2)).contains(assigned, other);
    }

    @Test
    void anAlertHeldBehindAMoreSevereOneDoesNotClimbTheLadder() {
        String participant = participantWithSupervisor(fixtures.staff("SUPERVISOR"));
        Api.Reply concern = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-1", "observedAt": "%s", "level": "HIGH"}"""
                .formatted(participant, Fixtures.ago(2, ChronoUnit.HOURS)));
        assertThat(concern.status()).isEqualTo(201);
        String watch = AlertSteps.watch(team.ingest(), participant);

        clock.advance(Duration.ofHours(25));
        escalations.escalateDue();

        assertThat(detail(watch).path("handling").path("escalationStep").asInt()).isZero();
        assertThat(AlertSteps.actions(detail(watch))).doesNotContain("ESCALATED");
    }

    @Test
    void aSnoozedAlertWaitsForItsSnoozeAndThenWhatItHeldIsSent() {
        String participant = participantWithSupervisor(fixtures.staff("SUPERVISOR"));
        String first = AlertSteps.watch(team.ingest(), participant);
        fixtures.as(team.counsellor()).post("/api/v1/alerts/" + first + "/snooze", "{\"until\": \""
                + clock.instant().plus(Duration.ofHours(48)) + "\", \"reason\": \"Away with family, known\"}");
        String alert = AlertSteps.watchAt(team.ingest(), participant, Fixtures.ago(30, ChronoUnit.MINUTES));
        assertThat(alert).isEqualTo(first);

        clock.advance(Duration.ofHours(30));
        escalations.escalateDue();
        assertThat(detail(alert).path("handling").path("escalationStep").asInt()).isZero();
        assertThat(Instant.parse(detail(alert).path("ackDueAt").asString())).isAfter(clock.instant());

        clock.advance(Duration.ofHours(19));
        escalations.endSnoozes();
        escalations.escalateDue();
        assertThat(detail(alert).path("handling").path("escalationStep").asInt()).isOne();
    }

    @Test
    void twoSweepersEscalateEachAlertOnce() throws Exception {
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            alerts.add(AlertSteps.watch(team.ingest(), team.participant()));
        }
        clock.advance(Duration.ofHours(24).plusMinutes(1));

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(escalations::escalateDue);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(escalations::escalateDue);
        one.get();
        two.get();

        for (String alert : alerts) {
            JsonNode escalated = detail(alert);
            assertThat(escalated.path("handling").path("escalationStep").asInt()).isOne();
            assertThat(AlertSteps.actions(escalated).stream().filter("ESCALATED"::equals)).hasSize(1);
        }
    }

    private String participantWithSupervisor(String supervisor) {
        String id = Fixtures.uniqueId("P");
        Api.Reply reply = fixtures.admin().put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "supervisorId": "%s",
                 "consent": {"shareWithPeerMentor": true}}""".formatted(team.mentor(), team.counsellor(), supervisor));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return id;
    }

    private JsonNode detail(String alert) {
        return fixtures.admin().get("/api/v1/alerts/" + alert).json();
    }

    private static List<String> recipientsAt(JsonNode detail, int step) {
        List<String> staff = new ArrayList<>();
        detail.path("recipients").forEach(r -> {
            if (r.path("step").asInt() == step) {
                staff.add(r.path("staffId").asString());
            }
        });
        return staff;
    }
}

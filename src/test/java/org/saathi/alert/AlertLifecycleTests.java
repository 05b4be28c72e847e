package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.CareTeam;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.Waiting;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Acknowledge, resolve, snooze, and notifications held while a more severe alert is open. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertLifecycleTests {

    @LocalServerPort
    int port;

    Fixtures fixtures;
    CareTeam team;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
    }

    @Test
    void acknowledgeThenResolveIsRecordedWithWhoAndWhen() {
        String alert = AlertSteps.watch(team.ingest(), team.participant());

        Api.Reply acknowledged = fixtures.as(team.mentor()).post("/api/v1/alerts/" + alert + "/acknowledge",
                "{\"note\": \"Called, will visit\"}");
        Api.Reply resolved = fixtures.as(team.counsellor()).post("/api/v1/alerts/" + alert + "/resolve",
                "{\"outcome\": \"CONTACTED_STABLE\", \"note\": \"Stable after the visit\"}");

        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(acknowledged.json().path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.json().path("handling").path("acknowledgedBy").asString()).isEqualTo(team.mentor());
        JsonNode detail = resolved.json();
        assertThat(detail.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(detail.path("handling").path("outcome").asString()).isEqualTo("CONTACTED_STABLE");
        assertThat(detail.path("handling").path("resolvedBy").asString()).isEqualTo(team.counsellor());
        assertThat(AlertSteps.actions(detail)).containsSubsequence("RAISED", "ACKNOWLEDGED", "RESOLVED");
        JsonNode last = detail.path("history").get(detail.path("history").size() - 1);
        assertThat(last.path("actor").asString()).isEqualTo(team.counsellor());
        assertThat(last.path("note").asString()).isEqualTo("CONTACTED_STABLE: Stable after the visit");
    }

    @Test
    void transitionsTheStateDoesNotAllowAreConflicts() {
        String alert = AlertSteps.watch(team.ingest(), team.participant());
        fixtures.as(team.mentor()).post("/api/v1/alerts/" + alert + "/acknowledge", "{}");

        assertProblem(fixtures.as(team.mentor()).post("/api/v1/alerts/" + alert + "/acknowledge", "{}"), 409);
        resolve(alert);
        assertProblem(fixtures.as(team.counsellor()).post("/api/v1/alerts/" + alert + "/resolve",
                "{\"outcome\": \"FALSE_ALARM\"}"), 409);
        assertProblem(fixtures.as(team.mentor()).post("/api/v1/alerts/" + alert + "/acknowledge", "{}"), 409);
        assertProblem(snooze(alert, Instant.now().plus(Duration.ofDays(1))), 409);
    }

    @Test
    void onlyCounsellorsAndSupervisorsResolveOrSnooze() {
        String alert = AlertSteps.watch(team.ingest(), team.participant());

        assertProblem(fixtures.as(team.mentor()).post("/api/v1/alerts/" + alert + "/resolve",
                "{\"outcome\": \"FALSE_ALARM\"}"), 403);
        assertProblem(fixtures.as(team.mentor()).post("/api/v1/alerts/" + alert + "/snooze",
                "{\"until\": \"" + Instant.now().plus(Duration.ofDays(1)) + "\", \"reason\": \"x\"}"), 403);
        assertProblem(fixtures.integration("ingest").post("/api/v1/alerts/" + alert + "/acknowledge", "{}"), 403);
        assertProblem(fixtures.as(fixtures.staff("COUNSELLOR")).post("/api/v1/alerts/" + alert + "/resolve",
                "{\"outcome\": \"FALSE_ALARM\"}"), 404);
        assertThat(fixtures.admin().get("/api/v1/alerts/" + alert).json().path("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void badLifecycleRequestsNameTheField() {
        String alert = AlertSteps.watch(team.ingest(), team.participant());

        assertInvalidField(fixtures.as(team.counsellor()).post("/api/v1/alerts/" + alert + "/resolve",
                "{\"outcome\": \"CURED\"}"), "outcome");
        assertInvalidField(fixtures.as(team.counsellor()).post("/api/v1/alerts/" + alert + "/resolve", "{}"),
                "outcome");
        assertInvalidField(snooze(alert, Instant.now().minus(Duration.ofHours(1))), "until");
        assertInvalidField(snooze(alert, Instant.now().plus(Duration.ofDays(31))), "until");
        assertInvalidField(fixtures.as(team.counsellor()).post("/api/v1/alerts/" + alert + "/snooze",
                "{\"until\": \"" + Instant.now().plus(Duration.ofDays(1)) + "\"}"), "reason");
        assertProblem(fixtures.as(team.counsellor()).post("/api/v1/alerts/not-an-id/acknowledge", "{}"), 404);
        assertThat(fixtures.admin().get("/api/v1/alerts/" + alert).json().path("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aCriticalAlertIsNeverSnoozed() {
        String participant = team.participant();
        String critical = AlertSteps.selfHarm(team.ingest(), participant, 2);

        JsonNode problem = assertProblem(snooze(critical, Instant.now().plus(Duration.ofHours(2))), 409);

        assertThat(problem.path("type").asString()).endsWith("critical-not-snoozable");
    }

    @Test
    void aSnoozedPairsNewAlertsAreHeld() {
        String participant = team.participant();
        String first = AlertSteps.watch(team.ingest(), participant);
        assertThat(snooze(first, Instant.now().plus(Duration.ofDays(2))).status()).isEqualTo(200);
        resolve(first);

        String second = AlertSteps.watchAt(team.ingest(), participant, Fixtures.ago(10, ChronoUnit.MINUTES));

        assertThat(second).isNotEqualTo(first);
        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + second).json();
        assertThat(detail.path("notifications").get(0).path("state").asString()).isEqualTo("HELD");
        assertThat(detail.path("notifications").get(0).path("heldReason").asString()).startsWith("snoozed until");
        assertThat(detail.path("handling").path("snoozedUntil").asString()).isNotEmpty();
    }

    @Test
    void lowerAlertsAreHeldWhileAMoreSevereOneIsOpenAndSentWhenItIsResolved() {
        String participant = team.participant();
        String urgent = highConcern(participant);

        String watch = AlertSteps.watch(team.ingest(), participant);

        JsonNode held = fixtures.admin().get("/api/v1/alerts/" + watch).json();
        assertThat(held.path("notifications").get(0).path("state").asString()).isEqualTo("HELD");
        assertThat(AlertSteps.actions(held)).contains("NOTIFICATIONS_HELD");
        resolve(urgent);
        assertThat(Waiting.until(Duration.ofSeconds(10), () -> states(watch).contains("SENT"))).isTrue();
        JsonNode released = fixtures.admin().get("/api/v1/alerts/" + watch).json();
        assertThat(AlertSteps.actions(released)).contains("NOTIFICATIONS_RELEASED");
        assertThat(released.path("notifications").get(0).path("state").asString()).isEqualTo("CANCELLED");
        assertThat(Instant.parse(released.path("ackDueAt").asString())).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void criticalIsNeverHeld() {
        String participant = team.participant();
        highConcern(participant);
        String supervisor = fixtures.staff("SUPERVISOR");

        String critical = AlertSteps.selfHarm(team.ingest(), participant, 2);

        assertThat(Waiting.until(Duration.ofSeconds(10), () -> states(critical).stream().allMatch("SENT"::equals)))
                .as("critical notifications %s", states(critical)).isTrue();
        List<String> notified = new ArrayList<>();
        fixtures.admin().get("/api/v1/alerts/" + critical).json().path("notifications")
                .forEach(n -> notified.add(n.path("staffId").asString()));
        assertThat(notified).contains(team.counsellor(), supervisor);
    }

    @Test
    void newEvidenceOfACriticalAlertAsksForANewAcknowledgement() {
        String participant = team.participant();
        String critical = AlertSteps.selfHarm(team.ingest(), participant, 2);
        fixtures.as(team.counsellor()).post("/api/v1/alerts/" + critical + "/acknowledge", "{}");
        int before = states(critical).size();

        Api.Reply again = team.ingest().post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "PHQ9", "recordedAt": "%s", "items": [0, 0, 0, 0, 0, 0, 0, 0, 3]}"""
                .formatted(participant, Fixtures.ago(10, ChronoUnit.MINUTES)));

        assertThat(again.json().path("alerts").get(0).path("id").asString()).isEqualTo(critical);
        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + critical).json();
        assertThat(detail.path("status").asString()).isEqualTo("OPEN");
        assertThat(AlertSteps.actions(detail)).endsWith("NEW_CRITICAL_EVIDENCE");
        assertThat(states(critical).size()).isGreaterThan(before);
    }

    @Test
    void aRiseInSeverityRaisesTheSameAlertAndNotifiesAgain() {
        String participant = team.participant();
        absent(participant, "S-1", 3);
        String warning = absent(participant, "S-2", 2).get(0);

        List<String> raised = absent(participant, "S-3", 1);

        assertThat(raised).contains(warning);
        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + warning).json();
        assertThat(detail.path("severity").asString()).isEqualTo("URGENT");
        assertThat(AlertSteps.actions(detail)).contains("SEVERITY_RAISED");
        List<String> rounds = new ArrayList<>();
        detail.path("notifications").forEach(n -> rounds.add(n.path("state").asString()));
        assertThat(rounds.size()).isGreaterThanOrEqualTo(4);
    }

    private List<String> absent(String participant, String session, int daysAgo) {
        Api.Reply reply = team.ingest().post("/api/v1/attendance", """
                {"participantId": "%s", "sessionId": "%s", "sessionType": "GROUP_THERAPY", "scheduledAt": "%s",
                 "status": "ABSENT"}""".formatted(participant, session, Fixtures.ago(daysAgo, ChronoUnit.DAYS)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        List<String> alerts = new ArrayList<>();
        reply.json().path("alerts").forEach(a -> {
            if (a.path("ruleId").asString().equals("ATT-001")) {
                alerts.add(a.path("id").asString());
            }
        });
        return alerts;
    }

    private String highConcern(String participant) {
        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-1", "observedAt": "%s", "level": "HIGH"}"""
                .formatted(participant, Fixtures.ago(2, ChronoUnit.HOURS)));
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private void resolve(String alert) {
        Api.Reply reply = fixtures.as(team.counsellor()).post("/api/v1/alerts/" + alert + "/resolve",
                "{\"outcome\": \"FALSE_ALARM\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private Api.Reply snooze(String alert, Instant until) {
        return fixtures.as(team.counsellor()).post("/api/v1/alerts/" + alert + "/snooze",
                "{\"until\": \"" + until + "\", \"reason\": \"In hospital, family informed\"}");
    }

    private List<String> states(String alert) {
        List<String> states = new ArrayList<>();
        fixtures.admin().get("/api/v1/alerts/" + alert).json().path("notifications")
                .forEach(n -> states.add(n.path("state").asString()));
        return states;
    }

}

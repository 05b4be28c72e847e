package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

/**
 * Conditions that clear, through the API against the embedded database: a silence ended by a
 * check-in, a cleared WATCH resolved at its deadline, nothing sent or escalated after clearing, a
 * condition that comes back, and CRITICAL, which never clears itself.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClearingTests {

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
    void aCheckInClearsASilenceAndTheWatchResolvesItselfAtItsDeadline() {
        String participant = team.participant();
        checkIn(participant, 2);
        clock.advance(Duration.ofHours(49));
        String gap = gapAlert(attended(participant), "WATCH");
        int sent = notifications(gap);

        clock.advance(Duration.ofHours(1));
        String checkIn = checkIn(participant, 2).path("id").asString();
        JsonNode cleared = detail(gap);
        assertThat(cleared.path("status").asString()).isEqualTo("OPEN");
        assertThat(cleared.path("cleared").path("by").path("type").asString()).isEqualTo("CHECK_IN");
        assertThat(cleared.path("cleared").path("by").path("id").asString()).isEqualTo(checkIn);
        assertThat(Instant.parse(cleared.path("cleared").path("at").asString()))
                .isCloseTo(clock.instant(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(AlertSteps.actions(cleared)).contains("CONDITION_CLEARED");

        clock.advance(Duration.ofHours(22));
        escalations.escalateDue();
        assertThat(detail(gap).path("status").asString()).isEqualTo("OPEN");

        clock.advance(Duration.ofHours(2));
        escalations.escalateDue();
        JsonNode resolved = detail(gap);
        assertThat(resolved.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.path("handling").path("outcome").asString()).isEqualTo("CLEARED");
        assertThat(resolved.path("handling").path("resolvedBy").asString()).isEqualTo("saathi");
        assertThat(resolved.path("handling").path("escalationStep").asInt()).isZero();
        assertThat(notifications(gap)).isEqualTo(sent);
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'ALERT_RESOLVED' AND target = :a")
                .param("a", gap).query(String.class).list()).containsExactly("saathi");
    }

    @Test
    void aClearedWarningStaysOpenForAPersonClimbsNoFurtherAndDropsDownTheQueue() {
        String participant = team.participant();
        checkIn(participant, 2);
        clock.advance(Duration.ofHours(97));
        String gap = gapAlert(attended(participant), "WARNING");
        String other = team.participant();
        checkIn(other, 2);
        clock.advance(Duration.ofHours(97));
        String uncleared = gapAlert(attended(other), "WARNING");
        int sent = notifications(gap);

        checkIn(participant, 2);
        clock.advance(Duration.ofHours(30));
        escalations.escalateDue();

        JsonNode waiting = detail(gap);
        assertThat(waiting.path("status").asString()).isEqualTo("OPEN");
        assertThat(waiting.path("handling").path("escalationStep").asInt()).isZero();
        assertThat(notifications(gap)).isEqualTo(sent);
        assertThat(detail(uncleared).path("handling").path("escalationStep").asInt()).isPositive();
        List<String> queue = fixtures.as(team.counsellor())
                .get("/api/v1/alerts?sort=severity&severity=WARNING&size=200")
                .json().path("items").valueStream().map(item -> item.path("id").asString())
                .filter(id -> id.equals(gap) || id.equals(uncleared)).toList();
        assertThat(queue).containsExactly(uncleared, gap);
    }

    @Test
    void aConditionThatComesBackBeforeTheAlertIsResolvedUnclearsIt() {
        String participant = team.participant();
        checkIn(participant, 2);
        clock.advance(Duration.ofHours(49));
        String gap = gapAlert(attended(participant), "WATCH");
        checkIn(participant, 2);
        assertThat(detail(gap).path("cleared").isNull()).isFalse();

        clock.advance(Duration.ofHours(20));
        escalations.escalateDue();
        clock.advance(Duration.ofHours(30));
        String again = gapAlert(attended(participant), "WATCH");

        assertThat(again).as(detail(gap).toString()).isEqualTo(gap);
        JsonNode back = detail(gap);
        assertThat(back.path("status").asString()).isEqualTo("OPEN");
        assertThat(back.path("cleared").isNull()).isTrue();
        assertThat(AlertSteps.actions(back)).containsSubsequence("CONDITION_CLEARED", "CONDITION_BACK");
    }

    @Test
    void aWatchClearedByAFactFromBeforeItsRaiseResolvesItselfAtOnce() {
        String participant = team.participant();
        checkIn(participant, 2);
        clock.advance(Duration.ofHours(49));
        String gap = gapAlert(attended(participant), "WATCH");
        clock.advance(Duration.ofHours(1));
        checkInAt(participant, Duration.ofHours(2));

        JsonNode resolved = detail(gap);
        assertThat(resolved.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.path("handling").path("outcome").asString()).isEqualTo("CLEARED");
    }

    @Test
    void aWarningClearedByAFactFromBeforeItsRaiseWaitsForAPerson() {
        String participant = team.participant();
        checkIn(participant, 2);
        clock.advance(Duration.ofHours(97));
        String gap = gapAlert(attended(participant), "WARNING");
        clock.advance(Duration.ofHours(1));
        checkInAt(participant, Duration.ofHours(2));
        clock.advance(Duration.ofHours(30));
        escalations.escalateDue();

        JsonNode waiting = detail(gap);
        assertThat(waiting.path("status").asString()).isEqualTo("OPEN");
        assertThat(waiting.path("cleared").path("by").isMissingNode()).as(waiting.toString()).isFalse();
        assertThat(AlertSteps.actions(waiting)).as("no one resolved it").doesNotContain("RESOLVED");
        assertThat(waiting.path("handling").path("escalationStep").asInt()).isZero();
    }

    @Test
    void aCriticalAlertDoesNotClearByAFactFromBeforeItsRaise() {
        String participant = team.participant();
        String critical = AlertSteps.selfHarm(team.ingest(), participant, 2);
        clock.advance(Duration.ofMinutes(10));
        Api.Reply calm = team.ingest().post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "PHQ9", "recordedAt": "%s", "items": [0, 0, 0, 0, 0, 0, 0, 0, 0]}"""
                .formatted(participant, at(Duration.ofMinutes(40))));
        assertThat(calm.status()).as(calm.toString()).isEqualTo(201);
        escalations.escalateDue();

        JsonNode alert = detail(critical);
        assertThat(alert.path("cleared").isNull()).isTrue();
        assertThat(alert.path("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aSingleHighCravingThatMerelyAgesOutOfTheRecentDaysHasNotCleared() {
        String participant = team.participant();
        String craving = checkIn(participant, 9).path("alerts").get(0).path("id").asString();
        clock.advance(Duration.ofDays(1));
        checkIn(participant, 2);
        assertThat(detail(craving).path("cleared").isNull()).isTrue();

        clock.advance(Duration.ofDays(7));
        checkIn(participant, 2);
        assertThat(detail(craving).path("cleared").isNull()).isTrue();
    }

    @Test
    void aCriticalAlertNeverClearsItself() {
        String participant = team.participant();
        String critical = AlertSteps.selfHarm(team.ingest(), participant, 2);
        clock.advance(Duration.ofDays(29));
        checkIn(participant, 2);
        escalations.escalateDue();

        JsonNode alert = detail(critical);
        assertThat(alert.path("cleared").isNull()).isTrue();
        assertThat(alert.path("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void staffCannotResolveWithTheOutcomeSaathiGivesItself() {
        String participant = team.participant();
        String watch = checkIn(participant, 9).path("alerts").get(0).path("id").asString();
        Api.Reply refused = fixtures.as(team.counsellor()).post("/api/v1/alerts/" + watch + "/resolve",
                "{\"outcome\": \"CLEARED\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(detail(watch).path("status").asString()).isEqualTo("OPEN");
    }

    /** A check-in at the service's clock; answers the ingest reply. */
    private JsonNode checkIn(String participant, int craving) {
        Api.Reply reply = team.ingest().post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": %d, "mood": 7}"""
                .formatted(participant, at(Duration.ZERO), craving));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    /** A calm check-in recorded {@code before} the service's clock, arriving now (a phone synchronised late). */
    private void checkInAt(String participant, Duration before) {
        Api.Reply reply = team.ingest().post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 7}"""
                .formatted(participant, at(before)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    /** A session attended an hour ago: a fact that evaluates the participant without ending a silence. */
    private JsonNode attended(String participant) {
        Api.Reply reply = team.ingest().post("/api/v1/attendance", """
                {"participantId": "%s", "sessionId": "%s", "sessionType": "GROUP_THERAPY", "scheduledAt": "%s",
                 "status": "ATTENDED"}""".formatted(participant, Fixtures.uniqueId("S"), at(Duration.ofHours(1))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private static String gapAlert(JsonNode answer, String severity) {
        JsonNode gap = answer.path("alerts").valueStream().filter(a -> a.path("ruleId").asString().equals("GAP-001"))
                .findFirst().orElseThrow(() -> new AssertionError("no GAP-001 in " + answer));
        assertThat(gap.path("severity").asString()).isEqualTo(severity);
        return gap.path("id").asString();
    }

    private String at(Duration before) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(before).toString();
    }

    private JsonNode detail(String alert) {
        return fixtures.as(team.counsellor()).get("/api/v1/alerts/" + alert).json();
    }

    private int notifications(String alert) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE alert_id = CAST(:a AS uuid) AND state <> 'CANCELLED'")
                .param("a", alert).query(Integer.class).single();
    }
}

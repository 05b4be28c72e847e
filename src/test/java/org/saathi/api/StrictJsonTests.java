package org.saathi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
import tools.jackson.databind.JsonNode;

/**
 * Every kind of request reads each value as its own JSON kind: text as a string, a number as a
 * number, a choice by its name, a time as ISO-8601 text. One value of the wrong kind, each of
 * which was once quietly converted, per kind of request; each is a 400 naming the field, and
 * nothing is stored.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictJsonTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    CareTeam team;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
    }

    @Test
    void aBatchItemWithABlankAnswerIsRejectedAndNotStored() {
        String participant = team.participant();

        Api.Reply reply = team.ingest().post("/api/v1/check-ins/batch", """
                {"items": [{"participantId": "%s", "recordedAt": "%s", "craving": 3, "mood": 5, "stress": " "}]}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode item = reply.json().path("results").get(0);
        assertThat(item.path("status").asString()).isEqualTo("REJECTED");
        assertThat(item.path("problem").path("status").asInt()).isEqualTo(400);
        assertThat(item.path("problem").path("errors").get(0).path("field").asString()).isEqualTo("stress");
        assertThat(count("check_in", "participant_id", participant)).isZero();
    }

    @Test
    void attendanceWithASessionIdAsANumberIsRefused() {
        String participant = team.participant();

        Api.Reply reply = team.ingest().post("/api/v1/attendance", """
                {"participantId": "%s", "sessionId": 17, "sessionType": "GROUP_THERAPY", "scheduledAt": "%s",
                 "status": "ABSENT"}""".formatted(participant, Fixtures.ago(1, ChronoUnit.DAYS)));

        assertThat(message(assertInvalidField(reply, "sessionId"))).isEqualTo("must be a string");
        assertThat(count("attendance", "participant_id", participant)).isZero();
    }

    @Test
    void aBamAnswerAsABlankStringIsNotASkippedQuestion() {
        String participant = team.participant();
        String answers = "[2, 5, 5, 2, 0, 0, \" \", null, null, null, null, null, null, 2, 2, 5, 5, 2, 5, 4, 2, 5, 0]";

        Api.Reply reply = team.ingest().post("/api/v1/screenings", """
                {"participantId": "%s", "recordedAt": "%s", "instrument": "BAM", "items": %s}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS), answers));

        assertThat(message(assertInvalidField(reply, "items[6]"))).isEqualTo("must be a whole number");
        assertThat(count("screening", "participant_id", participant)).isZero();
    }

    @Test
    void aParticipantsStatusByItsPlaceInTheListIsRefused() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = fixtures.admin().put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "status": 1}"""
                .formatted(team.mentor(), team.counsellor()));

        assertThat(message(assertInvalidField(reply, "status"))).isEqualTo("must be one of ACTIVE, DISCHARGED");
        assertThat(count("participant", "id", id)).isZero();
    }

    @Test
    void staffWithARoleByItsPlaceInTheListIsRefused() {
        String id = Fixtures.uniqueId("staff");

        Api.Reply reply = fixtures.admin().put("/api/v1/staff/" + id, """
                {"name": "Staff", "email": "%s@example.org", "roles": [0]}""".formatted(id));

        assertInvalidField(reply, "roles[0]");
        assertThat(count("staff", "id", id)).isZero();
    }

    @Test
    void aProgrammeWithABlankAnswerForShowingNamesIsRefused() {
        String id = Fixtures.uniqueId("prog");

        Api.Reply reply = fixtures.admin().put("/api/v1/programmes/" + id,
                "{\"name\": \"Programme\", \"showDisplayNames\": \" \"}");

        assertThat(message(assertInvalidField(reply, "showDisplayNames"))).isEqualTo("must be true or false");
        assertThat(count("programme", "id", id)).isZero();
    }

    @Test
    void aGroupWithATypeByItsPlaceInTheListIsRefused() {
        String id = Fixtures.uniqueId("group");

        Api.Reply reply = fixtures.admin().put("/api/v1/groups/" + id,
                "{\"name\": \"Group\", \"type\": 2, \"audience\": \"MIXED\"}");

        assertThat(message(assertInvalidField(reply, "type"))).startsWith("must be one of ");
        assertThat(count("therapy_group", "id", id)).isZero();
    }

    @Test
    void anApiKeyNamedByANumberIsRefused() {
        long name = 1_000_000_000L + new java.util.Random().nextInt(1_000_000_000);

        Api.Reply reply = fixtures.admin().post("/api/v1/api-keys",
                "{\"name\": " + name + ", \"scopes\": [\"ingest\"], \"allProgrammes\": true}");

        assertThat(message(assertInvalidField(reply, "name"))).isEqualTo("must be a string");
        assertThat(count("api_key", "name", String.valueOf(name))).isZero();
    }

    @Test
    void alertHandlingWithValuesOfTheWrongKindIsRefusedAndTheAlertStaysOpen() {
        String participant = team.participant();
        String alert = openAlert(participant);
        String path = "/api/v1/alerts/" + alert;
        int history = count("alert_history", "alert_id::text", alert);
        long inAWeek = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();

        Api.Reply acknowledged = fixtures.as(team.mentor()).post(path + "/acknowledge", "{\"note\": 5}");
        Api.Reply resolved = fixtures.as(team.counsellor()).post(path + "/resolve", "{\"outcome\": 0}");
        Api.Reply snoozed = fixtures.as(team.counsellor()).post(path + "/snooze",
                "{\"until\": " + inAWeek + ", \"reason\": \"Away at a family wedding\"}");

        assertThat(message(assertInvalidField(acknowledged, "note"))).isEqualTo("must be a string");
        assertInvalidField(resolved, "outcome");
        assertThat(message(assertInvalidField(snoozed, "until"))).isEqualTo(JsonProblems.TIMESTAMP_MESSAGE);
        assertThat(fixtures.admin().get(path).json().path("status").asString()).isEqualTo("OPEN");
        assertThat(count("alert_history", "alert_id::text", alert)).isEqualTo(history);
        assertThat(count("snooze", "participant_id", participant)).isZero();
    }

    @Test
    void aBacktestStepInSecondsIsRefusedAndNothingRuns() {
        String supervisor = fixtures.staff("SUPERVISOR");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Api.Reply reply = fixtures.as(supervisor).post("/api/v1/rules/backtest", """
                {"from": "%s", "to": "%s", "step": 3600}""".formatted(now.minus(Duration.ofDays(2)), now));

        assertThat(message(assertInvalidField(reply, "step"))).isEqualTo(JsonProblems.DURATION_MESSAGE);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = :supervisor AND action LIKE 'BACKTEST%'")
                .param("supervisor", supervisor).query(Integer.class).single()).isZero();
    }

    private String openAlert(String participant) {
        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-7", "observedAt": "%s", "level": "LOW"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private static String message(JsonNode problem) {
        return problem.path("errors").get(0).path("message").asString();
    }

    /** Rows of a table whose column has this value; table and column are this class's own words. */
    private int count(String table, String column, String value) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = :value").param("value", value)
                .query(Integer.class).single();
    }
}

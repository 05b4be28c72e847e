package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saathi.testing.Api;
import org.saathi.testing.CareTeam;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttendanceAndConcernTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    CareTeam team;
    String participant;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
    }

    @BeforeEach
    void newParticipant() {
        participant = team.participant();
    }

    @Test
    void recordsAttendanceAndTakesACorrectionAsANewFact() {
        Api.Reply absent = team.ingest().post("/api/v1/attendance", attendance("S-1", "ABSENT"));
        Api.Reply repeat = team.ingest().post("/api/v1/attendance", attendance("S-1", "ABSENT"));
        Api.Reply corrected = team.ingest().post("/api/v1/attendance", attendance("S-1", "EXCUSED"));

        assertThat(absent.status()).as(absent.toString()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("duplicate").asBoolean()).isTrue();
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(count("attendance")).isEqualTo(2);
    }

    @Test
    void rejectsAttendanceWithUnknownStatus() {
        Api.Reply reply = team.ingest().post("/api/v1/attendance", attendance("S-1", "MAYBE"));

        assertThat(assertInvalidField(reply, "status").path("errors").get(0).path("message").asString())
                .contains("ABSENT");
        assertThat(count("attendance")).isZero();
    }

    @Test
    void rejectsAttendanceAtAnUnknownGroup() {
        Api.Reply reply = team.ingest().post("/api/v1/attendance", """
                {"participantId": "%s", "sessionId": "S-9", "groupId": "no-such-group", "sessionType": "GROUP_THERAPY",
                 "scheduledAt": "%s", "status": "ATTENDED"}""".formatted(participant, Fixtures.ago(1, ChronoUnit.DAYS)));

        assertProblem(reply, 422);
        assertThat(count("attendance")).isZero();
    }

    @Test
    void rejectsAttendanceWithoutSessionType() {
        Api.Reply reply = team.ingest().post("/api/v1/attendance", """
                {"participantId": "%s", "sessionId": "S-9", "scheduledAt": "%s", "status": "ATTENDED"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.DAYS)));

        assertInvalidField(reply, "sessionType");
        assertThat(count("attendance")).isZero();
    }

    @Test
    void staffMayReportAConcernAsThemselves() {
        Api.Reply reply = fixtures.as(team.counsellor()).post("/api/v1/peer-concerns", """
                {"participantId": "%s", "observedAt": "%s", "level": "HIGH", "note": "Seen with old crowd"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT reported_by FROM peer_concern WHERE participant_id = :p")
                .param("p", participant).query(String.class).single()).isEqualTo(team.counsellor());
    }

    @Test
    void integrationMustSayWhoReportedAConcern() {
        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "observedAt": "%s", "level": "LOW"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertInvalidField(reply, "reportedBy");
        assertThat(count("peer_concern")).isZero();
    }

    @Test
    void rejectsConcernWithUnknownLevel() {
        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-7", "observedAt": "%s", "level": "SEVERE"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertInvalidField(reply, "level");
        assertThat(count("peer_concern")).isZero();
    }

    /** A reporter or a note sent as a number or a boolean is not read as text. */
    @ParameterizedTest(name = "rejects {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "reportedBy | true", "reportedBy | 1.5", "reportedBy | -1", "reportedBy | 1000000000000",
            "note | true"})
    void rejectsAConcernWhoseTextIsNotAString(String field, String value) {
        String reporter = field.equals("reportedBy") ? value : "\"peer-7\"";
        String note = field.equals("note") ? value : "\"Seen with old crowd\"";

        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": %s, "observedAt": "%s", "level": "LOW", "note": %s}"""
                .formatted(participant, reporter, Fixtures.ago(1, ChronoUnit.HOURS), note));

        assertThat(assertInvalidField(reply, field).path("errors").get(0).path("message").asString())
                .isEqualTo("must be a string");
        assertThat(count("peer_concern")).isZero();
    }

    @Test
    void aConcernSentWithoutACategoryIsStoredAsOther() {
        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-7", "observedAt": "%s", "level": "MEDIUM"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(category()).isEqualTo("OTHER");
        assertThat(reply.json().path("alerts").get(0).path("severity").asString()).isEqualTo("WARNING");
    }

    @Test
    void aLowConcernIsAWatchNotAWarning() {
        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-7", "observedAt": "%s", "level": "LOW",
                 "category": "ISOLATION"}""".formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(category()).isEqualTo("ISOLATION");
        assertThat(reply.json().path("alerts").get(0).path("ruleId").asString()).isEqualTo("PEER-001");
        assertThat(reply.json().path("alerts").get(0).path("severity").asString()).isEqualTo("WATCH");
    }

    @Test
    void rejectsConcernWithUnknownCategory() {
        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-7", "observedAt": "%s", "level": "LOW",
                 "category": "SUICIDE"}""".formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertThat(assertInvalidField(reply, "category").path("errors").get(0).path("message").asString())
                .contains("SELF_HARM");
        assertThat(count("peer_concern")).isZero();
    }

    @Test
    void aConcernOfSelfHarmRaisesOneCriticalAlertInTheSameAnswerWhateverItsLevel() {
        Api.Reply reply = team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-7", "observedAt": "%s", "level": "LOW",
                 "category": "SELF_HARM", "note": "Said he wants to end it"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode alerts = reply.json().path("alerts");
        assertThat(alerts.size()).as(alerts.toString()).isOne();
        assertThat(alerts.get(0).path("ruleId").asString()).isEqualTo("PEER-002");
        assertThat(alerts.get(0).path("severity").asString()).isEqualTo("CRITICAL");
        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + alerts.get(0).path("id").asString()).json();
        assertThat(detail.path("evidence").get(0).path("summary").asString()).contains("self harm");
        assertThat(detail.path("recipients").findValuesAsString("role")).contains("COUNSELLOR");
        assertThat(detail.toString()).doesNotContain("end it");
    }

    @Test
    void factsCannotBeChangedOnceStored() {
        team.ingest().post("/api/v1/attendance", attendance("S-2", "ATTENDED"));

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql(
                "UPDATE attendance SET status = 'ABSENT' WHERE participant_id = :p").param("p", participant).update()))
                .hasMessageContaining("append-only");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql(
                "DELETE FROM attendance WHERE participant_id = :p").param("p", participant).update()))
                .hasMessageContaining("append-only");
    }

    private String attendance(String session, String status) {
        return """
                {"participantId": "%s", "sessionId": "%s", "sessionType": "GROUP_THERAPY",
                 "scheduledAt": "%s", "status": "%s"}""".formatted(participant, session,
                Fixtures.ago(1, ChronoUnit.DAYS), status);
    }

    private String category() {
        return jdbc.sql("SELECT category FROM peer_concern WHERE participant_id = :p").param("p", participant)
                .query(String.class).single();
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE participant_id = :p").param("p", participant)
                .query(Integer.class).single();
    }
}

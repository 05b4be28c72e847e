package org.saathi.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;

import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A programme's thresholds are data its rules read: a youth programme escalates after one absence. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeThresholdTests {

    @LocalServerPort
    int port;

    Fixtures fixtures;
    Api admin;
    String mentor;
    String counsellor;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        admin = fixtures.admin();
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @Test
    void aProgrammesOwnThresholdChangesWhatItsRulesRaise() {
        String youth = Fixtures.uniqueId("youth");
        Api.Reply programme = admin.put("/api/v1/programmes/" + youth, """
                {"name": "Youth programme", "thresholds": {"ATT-001.warningAbsences": 1}}""");
        assertThat(programme.status()).as(programme.toString()).isEqualTo(201);
        assertThat(programme.json().path("thresholds").path("ATT-001.warningAbsences").asDouble()).isEqualTo(1.0);
        assertThat(programme.json().path("effectiveThresholds").path("ATT-001.warningAbsences").asDouble()).isEqualTo(1.0);
        assertThat(programme.json().path("effectiveThresholds").path("ATT-001.urgentAbsences").asDouble()).isEqualTo(3.0);

        assertThat(alertsAfterOneAbsence(participantIn(youth))).containsExactly("ATT-001");
        assertThat(alertsAfterOneAbsence(participantIn("default"))).isEmpty();
    }

    @Test
    void updatingAProgrammeWithoutThresholdsKeepsThem() {
        String id = Fixtures.uniqueId("prog");
        admin.put("/api/v1/programmes/" + id, """
                {"name": "A", "thresholds": {"CHK-001.craving": 9}}""");

        JsonNode renamed = admin.put("/api/v1/programmes/" + id, "{\"name\": \"B\"}").json();

        assertThat(renamed.path("name").asString()).isEqualTo("B");
        assertThat(renamed.path("thresholds").path("CHK-001.craving").asDouble()).isEqualTo(9.0);
    }

    @Test
    void refusesAThresholdTheRuleSetDoesNotDefine() {
        String id = Fixtures.uniqueId("prog");

        Api.Reply reply = admin.put("/api/v1/programmes/" + id, """
                {"name": "A", "thresholds": {"ATT-001.absences": 1}}""");

        assertInvalidField(reply, "thresholds.ATT-001.absences");
        assertThat(admin.get("/api/v1/programmes/" + id).status()).isEqualTo(404);
    }

    @Test
    void refusesANegativeThreshold() {
        Api.Reply reply = admin.put("/api/v1/programmes/" + Fixtures.uniqueId("prog"), """
                {"name": "A", "thresholds": {"CHK-001.craving": -1}}""");

        assertInvalidField(reply, "thresholds.CHK-001.craving");
    }

    private String participantIn(String programme) {
        String id = Fixtures.uniqueId("P");
        Api.Reply reply = admin.put("/api/v1/participants/" + id, """
                {"displayName": "Y.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s",
                 "expectsDailyCheckIn": false}""".formatted(programme, mentor, counsellor));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return id;
    }

    private java.util.List<String> alertsAfterOneAbsence(String participant) {
        Api.Reply reply = fixtures.integration("ingest").post("/api/v1/attendance", """
                {"participantId": "%s", "sessionId": "S-1", "sessionType": "GROUP_THERAPY", "scheduledAt": "%s",
                 "status": "ABSENT"}""".formatted(participant, Fixtures.ago(1, ChronoUnit.DAYS)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        java.util.List<String> rules = new java.util.ArrayList<>();
        reply.json().path("alerts").forEach(alert -> rules.add(alert.path("ruleId").asString()));
        return rules;
    }
}

package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

/** Facts posted through the API raise alerts with the rules on disk, end to end. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertRaisingTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    CareTeam team;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
    }

    @Test
    void highCravingRaisesAWatchWithItsEvidenceAndExplanation() {
        String participant = team.participant();

        Api.Reply reply = team.ingest().post("/api/v1/check-ins",
                checkIn(participant, Fixtures.ago(1, ChronoUnit.HOURS), 9));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode raised = reply.json().path("alerts");
        assertThat(raised.size()).isOne();
        assertThat(raised.get(0).path("ruleId").asString()).isEqualTo("CHK-001");
        assertThat(raised.get(0).path("severity").asString()).isEqualTo("WATCH");
        assertThat(raised.get(0).path("status").asString()).isEqualTo("OPEN");

        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + raised.get(0).path("id").asString()).json();
        assertThat(detail.path("ruleName").asString()).isEqualTo("CHK-001 High craving");
        assertThat(detail.path("ruleSetVersion").asString()).hasSize(12);
        assertThat(detail.path("explanation").asString()).isEqualTo("Craving 9 in one check-in; threshold 8");
        assertThat(detail.path("evidence").get(0).path("id").asString()).isEqualTo(reply.json().path("id").asString());
        assertThat(detail.path("evidence").get(0).path("type").asString()).isEqualTo("CHECK_IN");
        assertThat(detail.path("evidence").get(0).path("summary").asString()).contains("craving 9");
        assertThat(detail.path("recipients").get(0).path("staffId").asString()).isEqualTo(team.mentor());
        assertThat(detail.path("recipients").get(0).path("reason").asString()).isEqualTo("assigned peer mentor");
        assertThat(detail.path("history").get(0).path("action").asString()).isEqualTo("RAISED");
        assertThat(detail.path("ackDueAt").asString()).isNotEmpty();
    }

    @Test
    void aConditionThatStillHoldsDoesNotAlertAgain() {
        String participant = team.participant();
        team.ingest().post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(3, ChronoUnit.HOURS), 9));

        Api.Reply calm = team.ingest().post("/api/v1/check-ins",
                checkIn(participant, Fixtures.ago(1, ChronoUnit.HOURS), 2));

        assertThat(calm.json().path("alerts").size()).isZero();
        assertThat(alerts(participant, "CHK-001")).isOne();
    }

    @Test
    void newEvidenceJoinsTheOpenAlertAndARiseInSeverityIsRecorded() {
        String participant = team.participant();
        team.ingest().post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(5, ChronoUnit.HOURS), 8));
        team.ingest().post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(4, ChronoUnit.HOURS), 9));

        Api.Reply third = team.ingest().post("/api/v1/check-ins",
                checkIn(participant, Fixtures.ago(3, ChronoUnit.HOURS), 7));

        assertThat(alerts(participant, "CHK-001")).isOne();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM alert_evidence e JOIN alert a ON a.id = e.alert_id
                        WHERE a.participant_id = :p AND a.rule_id = 'CHK-001'""")
                .param("p", participant).query(Integer.class).single()).isEqualTo(2);
        JsonNode sustained = third.json().path("alerts");
        assertThat(sustained.size()).isOne();
        assertThat(sustained.get(0).path("ruleId").asString()).isEqualTo("CHK-002");
        assertThat(sustained.get(0).path("severity").asString()).isEqualTo("WARNING");
        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + sustained.get(0).path("id").asString()).json();
        assertThat(detail.path("explanation").asString())
                .isEqualTo("Craving 8, 9 and 7 in the last 5 check-ins; threshold 7 in 3 of 5");
        assertThat(detail.path("evidence").size()).isEqualTo(3);
        assertThat(roles(detail)).containsExactlyInAnyOrder("PEER_MENTOR", "COUNSELLOR");
    }

    @Test
    void withoutConsentTheCounsellorIsAskedInsteadOfThePeerMentor() {
        String participant = team.participantSharingNothing();

        Api.Reply reply = team.ingest().post("/api/v1/check-ins",
                checkIn(participant, Fixtures.ago(1, ChronoUnit.HOURS), 9));

        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + reply.json().path("alerts").get(0).path("id")
                .asString()).json();
        assertThat(detail.path("recipients").size()).isOne();
        assertThat(detail.path("recipients").get(0).path("staffId").asString()).isEqualTo(team.counsellor());
        assertThat(detail.path("recipients").get(0).path("reason").asString()).contains("substitute for the peer mentor");
        assertThat(fixtures.as(team.mentor()).get("/api/v1/alerts/" + detail.path("id").asString()).status())
                .isEqualTo(404);
    }

    @Test
    void selfHarmAnswerIsCriticalForCounsellorAndSupervisor() {
        String supervisor = fixtures.staff("SUPERVISOR");
        String participant = team.participant();

        Api.Reply reply = team.ingest().post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "PHQ9", "recordedAt": "%s", "items": [1, 1, 1, 1, 1, 1, 1, 1, 1]}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        JsonNode alert = reply.json().path("alerts").get(0);
        assertThat(alert.path("ruleId").asString()).isEqualTo("SCR-001");
        assertThat(alert.path("severity").asString()).isEqualTo("CRITICAL");
        JsonNode detail = fixtures.admin().get("/api/v1/alerts/" + alert.path("id").asString()).json();
        assertThat(roles(detail)).contains("COUNSELLOR", "SUPERVISOR");
        assertThat(staff(detail)).contains(team.counsellor(), supervisor);
    }

    @Test
    void racingFactsForOneParticipantRaiseOneAlertPerRule() throws Exception {
        String participant = team.participant();
        List<CompletableFuture<Api.Reply>> racing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String at = Fixtures.ago(10L + i, ChronoUnit.MINUTES);
            racing.add(CompletableFuture.supplyAsync(() -> team.ingest().post("/api/v1/check-ins",
                    checkIn(participant, at, 9))));
        }
        for (CompletableFuture<Api.Reply> reply : racing) {
            assertThat(reply.get().status()).isEqualTo(201);
        }

        assertThat(alerts(participant, "CHK-001")).isOne();
        assertThat(alerts(participant, "CHK-002")).isOne();
    }

    @Test
    void staffSeeAlertsOfTheirOwnCaseloadOnly() {
        String otherCounsellor = fixtures.staff("COUNSELLOR");
        String participant = team.participant();
        String id = team.ingest().post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(1, ChronoUnit.HOURS), 9))
                .json().path("alerts").get(0).path("id").asString();

        assertThat(fixtures.as(team.counsellor()).get("/api/v1/alerts/" + id).status()).isEqualTo(200);
        assertThat(fixtures.as(team.mentor()).get("/api/v1/alerts/" + id).status()).isEqualTo(200);
        assertProblem(fixtures.as(otherCounsellor).get("/api/v1/alerts/" + id), 404);
        assertThat(ids(fixtures.as(team.counsellor()).get("/api/v1/alerts?participantId=" + participant))).contains(id);
        assertThat(ids(fixtures.as(otherCounsellor).get("/api/v1/alerts?participantId=" + participant))).isEmpty();
        assertProblem(fixtures.integration("ingest").get("/api/v1/alerts/" + id), 403);
    }

    @Test
    void listsNewestFirstWithFiltersAndPages() {
        String participant = team.participant();
        team.ingest().post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(3, ChronoUnit.HOURS), 9));
        team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-1", "observedAt": "%s", "level": "HIGH"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        JsonNode all = fixtures.admin().get("/api/v1/alerts?participantId=" + participant).json();
        JsonNode urgent = fixtures.admin().get("/api/v1/alerts?participantId=" + participant + "&severity=URGENT").json();
        JsonNode firstPage = fixtures.admin().get("/api/v1/alerts?participantId=" + participant + "&size=1").json();

        assertThat(all.path("total").asInt()).isEqualTo(2);
        assertThat(all.path("items").get(0).path("ruleId").asString()).isEqualTo("PEER-001");
        assertThat(all.path("items").get(1).path("ruleId").asString()).isEqualTo("CHK-001");
        assertThat(urgent.path("items").size()).isOne();
        assertThat(firstPage.path("items").size()).isOne();
        assertThat(firstPage.path("total").asInt()).isEqualTo(2);
        assertThat(firstPage.path("size").asInt()).isOne();
        assertThat(fixtures.as(team.mentor()).get("/api/v1/alerts?mine=true").json().path("total").asInt())
                .isPositive();
        assertProblem(fixtures.admin().get("/api/v1/alerts?severity=LOUD"), 400);
        assertProblem(fixtures.admin().get("/api/v1/alerts?size=0"), 400);
    }

    @Test
    void sortsBySeverityMostSevereFirstThenNewest() {
        String participant = team.participant();
        AlertSteps.selfHarm(team.ingest(), participant, 1);
        team.ingest().post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(50, ChronoUnit.MINUTES), 9));
        team.ingest().post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-1", "observedAt": "%s", "level": "HIGH"}"""
                .formatted(participant, Fixtures.ago(40, ChronoUnit.MINUTES)));
        team.ingest().post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "BAM", "recordedAt": "%s", "items": [%s]}"""
                .formatted(participant, Fixtures.ago(30, ChronoUnit.MINUTES), "0, 0, 0, 0, null, 0, " + "null, ".repeat(7) + "0, ".repeat(9) + "0"));
        String list = "/api/v1/alerts?participantId=" + participant;

        List<String> newest = ruleIds(fixtures.admin().get(list + "&sort=newest"));
        List<String> bySeverity = ruleIds(fixtures.admin().get(list + "&sort=severity"));

        assertThat(newest).containsExactly("SCR-004", "PEER-001", "CHK-001", "SCR-001");
        assertThat(ruleIds(fixtures.admin().get(list))).isEqualTo(newest);
        assertThat(bySeverity).containsExactly("SCR-001", "PEER-001", "SCR-004", "CHK-001");
        assertInvalidField(fixtures.admin().get(list + "&sort=loudest"), "sort");
    }

    private static List<String> ruleIds(Api.Reply list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> rules = new ArrayList<>();
        list.json().path("items").forEach(item -> rules.add(item.path("ruleId").asString()));
        return rules;
    }

    private static String checkIn(String participant, String at, int craving) {
        return """
                {"participantId": "%s", "recordedAt": "%s", "craving": %d, "mood": 6}""".formatted(participant, at, craving);
    }

    private int alerts(String participant, String rule) {
        return jdbc.sql("SELECT count(*) FROM alert WHERE participant_id = :p AND rule_id = :r")
                .param("p", participant).param("r", rule).query(Integer.class).single();
    }

    private static List<String> roles(JsonNode detail) {
        List<String> roles = new ArrayList<>();
        detail.path("recipients").forEach(r -> roles.add(r.path("role").asString()));
        return roles;
    }

    private static List<String> staff(JsonNode detail) {
        List<String> staff = new ArrayList<>();
        detail.path("recipients").forEach(r -> staff.add(r.path("staffId").asString()));
        return staff;
    }

    private static List<String> ids(Api.Reply list) {
        List<String> ids = new ArrayList<>();
        list.json().path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}

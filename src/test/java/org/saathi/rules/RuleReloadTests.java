package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Reloading the rules folder of a running service: all or nothing. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleReloadTests {

    static final Path RULES;

    static {
        try {
            RULES = Files.createTempDirectory("saathi-rules-");
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
        SmallRuleSet.writeTo(RULES);
    }

    @DynamicPropertySource
    static void rulesFolder(DynamicPropertyRegistry registry) {
        registry.add("saathi.rules.directory", RULES::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Api admin;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        admin = fixtures.admin();
    }

    @AfterEach
    void restoreTheValidSet() {
        SmallRuleSet.writeTo(RULES);
        admin.post("/api/v1/rules/reload", "{}");
    }

    @Test
    void listsTheActiveVersionRulesAndThresholds() {
        JsonNode rules = fixtures.as(fixtures.staff("COUNSELLOR")).get("/api/v1/rules").json();

        assertThat(rules.path("version").asString()).hasSize(12);
        assertThat(rules.path("rules").get(0).path("id").asString()).isEqualTo("ESC-001");
        assertThat(rules.path("rules").get(1).path("name").asString()).isEqualTo("TST-001 High craving");
        assertThat(rules.path("rules").get(1).path("file").asString()).isEqualTo("signals/test.drl");
        assertThat(rules.path("thresholds").path("TST-001.craving").asDouble()).isEqualTo(8.0);
    }

    @Test
    void aRuleSetThatDoesNotCompileIsRefusedAndTheActiveOneStays() {
        String before = admin.get("/api/v1/rules").json().path("version").asString();
        SmallRuleSet.write(RULES, "signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace("craving >= $min", "craving >="));

        Api.Reply reply = admin.post("/api/v1/rules/reload", "{}");

        JsonNode problem = assertProblem(reply, 422);
        assertThat(problem.path("type").asString()).isEqualTo("urn:saathi:problem:rule-set-invalid");
        assertThat(problem.path("errors").get(0).path("file").asString()).isEqualTo("signals/test.drl");
        assertThat(problem.path("errors").get(0).path("line").asInt()).isEqualTo(9);
        assertThat(admin.get("/api/v1/rules").json().path("version").asString()).isEqualTo(before);
        assertThat(highCravingRaises("TST-001")).isTrue();
    }

    @Test
    void aMisspeltFieldIsReportedOnItsOwnLine() {
        SmallRuleSet.write(RULES, "signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace("craving >= $min", "cravng >= $min"));

        JsonNode problem = assertProblem(admin.post("/api/v1/rules/reload", "{}"), 422);

        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("file").asString()).isEqualTo("signals/test.drl");
        assertThat(problem.path("errors").get(0).path("line").asInt()).isEqualTo(SmallRuleSet.CHECK_IN_LINE);
    }

    @Test
    void aRuleSetThatFailsItsScenariosIsRefused() {
        String before = admin.get("/api/v1/rules").json().path("version").asString();
        SmallRuleSet.write(RULES, "thresholds.yaml", "TST-001.craving: 10\nescalation.ackHours: 4\n");

        Api.Reply reply = admin.post("/api/v1/rules/reload", "{}");

        JsonNode problem = assertProblem(reply, 422);
        assertThat(problem.path("errors").get(0).path("file").asString()).isEqualTo("tests/test.yaml");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("fires at 8");
        assertThat(admin.get("/api/v1/rules").json().path("version").asString()).isEqualTo(before);
    }

    @Test
    void aValidChangeBecomesActiveWithANewVersion() {
        String before = admin.get("/api/v1/rules").json().path("version").asString();
        SmallRuleSet.write(RULES, "signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace("// A test rule.",
                "// A test rule, reworded."));

        Api.Reply reply = admin.post("/api/v1/rules/reload", "{}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("previousVersion").asString()).isEqualTo(before);
        assertThat(reply.json().path("version").asString()).isNotEqualTo(before);
        assertThat(admin.get("/api/v1/rules").json().path("version").asString())
                .isEqualTo(reply.json().path("version").asString());
    }

    @Test
    void aRuleThatFailsAtRunTimeLosesNoFact() {
        SmallRuleSet.write(RULES, "signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace(
                "\"Craving \" + $checkIn.craving()", "\"Craving \" + (100 / (10 - $checkIn.craving()))"));
        assertThat(admin.post("/api/v1/rules/reload", "{}").status()).isEqualTo(200);
        String participant = fixtures.participant();

        Api.Reply reply = fixtures.integration("ingest").post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 10, "mood": 5}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("alerts").size()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM check_in WHERE participant_id = :p").param("p", participant)
                .query(Integer.class).single()).isOne();
    }

    @Test
    void aScenarioThatMakesARuleFailIsReportedNotThrown() {
        SmallRuleSet.write(RULES, "signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace(
                "\"Craving \" + $checkIn.craving()", "\"Craving \" + (100 / (8 - $checkIn.craving()))"));

        JsonNode problem = assertProblem(admin.post("/api/v1/rules/reload", "{}"), 422);

        assertThat(problem.path("errors").get(0).path("message").asString()).contains("fires at 8")
                .contains("rule \"TST-001 High craving\" failed while running its 'then' part: / by zero");
    }

    @Test
    void onlyAnAdminMayReload() {
        assertProblem(fixtures.as(fixtures.staff("SUPERVISOR")).post("/api/v1/rules/reload", "{}"), 403);
        assertProblem(fixtures.anonymous().post("/api/v1/rules/reload", "{}"), 401);
    }

    private boolean highCravingRaises(String rule) {
        String participant = fixtures.participant();
        Api.Reply reply = fixtures.integration("ingest").post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 5}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));
        return reply.json().path("alerts").size() == 1
                && reply.json().path("alerts").get(0).path("ruleId").asString().equals(rule);
    }
}

package org.saathi.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;
import static org.saathi.testing.Problems.fields;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.HeldTable;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/rules/backtest} end to end: history posted through the API on past days (the
 * service's clock moved back, so that facts carry real receipt times), then replayed.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestApiTests {

    static final Path CANDIDATES = Path.of("target/test-rule-candidates");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    DataSource dataSource;

    Fixtures fixtures;
    String programme;
    String supervisor;
    String mentor;
    String counsellor;
    String participant;
    Instant enrolled;
    Instant highCraving;
    Instant lastCheckIn;
    Instant reportedUse;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        Api ingest = fixtures.integration("ingest");
        programme = fixtures.programme();
        supervisor = fixtures.staffIn(programme, "SUPERVISOR");
        mentor = fixtures.staffIn(programme, "PEER_MENTOR");
        counsellor = fixtures.staffIn(programme, "COUNSELLOR");
        clock.advance(Duration.ofDays(-12));
        try {
            enrolled = clock.instant();
            participant = fixtures.participantIn(programme, mentor, counsellor, true);
            for (int day = 0; day <= 8; day++) {
                clock.advance(Duration.ofDays(1));
                Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
                boolean use = day == 6;
                Api.Reply posted = ingest.post("/api/v1/check-ins", """
                        {"participantId": "%s", "recordedAt": "%s", "craving": %d, "mood": 6, "usedSubstance": %s,
                         "source": "app"}""".formatted(participant, at, day == 4 ? 9 : 3, use));
                assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
                if (day == 4) {
                    highCraving = clock.instant();
                }
                if (use) {
                    reportedUse = at;
                }
                lastCheckIn = clock.instant();
            }
        } finally {
            clock.reset();
        }
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void replaysHistoryAsOfEachMomentAndWritesNothing() {
        String before = rowCounts();

        Api.Reply reply = fixtures.as(supervisor).post("/api/v1/rules/backtest", request(participant, null));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(rowCounts()).isEqualTo(before);
        JsonNode result = reply.json();
        assertThat(result.path("ruleSetVersion").asString()).hasSize(12);
        assertThat(result.path("rules").asString()).isEqualTo("active");
        assertThat(result.path("participants").asInt()).isOne();
        JsonNode craving = alert(result, "CHK-001");
        assertThat(Duration.between(highCraving, Instant.parse(craving.path("raisedAt").asString())).abs())
                .isLessThan(Duration.ofSeconds(2));
        assertThat(craving.path("severity").asString()).isEqualTo("WATCH");
        assertThat(craving.path("recipients").get(0).asString()).isEqualTo(mentor);
        assertThat(craving.has("escalatedAt")).isFalse();
        // GAP-001 needs no new fact: the hourly step finds the silence within an hour of 48 h.
        Instant gap = Instant.parse(alert(result, "GAP-001").path("raisedAt").asString());
        assertThat(gap).isBetween(lastCheckIn.plus(Duration.ofHours(47)), lastCheckIn.plus(Duration.ofHours(49)));
        assertThat(result.path("summary").path("byRule").path("CHK-001").asInt()).isOne();
        assertThat(result.path("summary").path("byRecipient").path(mentor).asInt()).isPositive();
        assertThat(result.path("summary").path("byWeek").size()).isBetween(2, 4);
    }

    @Test
    void aFewParticipantDaysGiveTheCountAndTheTimeButNoMonthlyRate() {
        JsonNode summary = fixtures.as(supervisor).post("/api/v1/rules/backtest", request(participant, null)).json()
                .path("summary");

        assertThat(summary.path("alerts").asInt()).isPositive();
        // One participant enrolled 12 days ago: 0.4 participant-months, too little for a rate.
        assertThat(summary.path("participantMonths").asDouble()).isBetween(0.38, 0.42);
        assertThat(summary.has("alertsPerParticipantMonth")).isTrue();
        assertThat(summary.path("alertsPerParticipantMonth").isNull()).as(summary.toString()).isTrue();
    }

    @Test
    void theParticipantsReplayedAreInTheAuditLogBeforeTheAnswer() {
        Api.Reply reply = fixtures.as(supervisor).post("/api/v1/rules/backtest", request(participant, null));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(jdbc.sql("""
                        SELECT target FROM audit_event WHERE actor = :actor AND action = 'BACKTEST_REPLAYED'
                        ORDER BY id DESC LIMIT 1""")
                .param("actor", supervisor).query(String.class).single()).isEqualTo(participant);
    }

    @Test
    void linksAlertsToTheRelapseThatFollowedThem() {
        JsonNode result = fixtures.as(supervisor).post("/api/v1/rules/backtest", request(participant, null)).json();

        JsonNode relapse = result.path("outcomes").path("relapses").get(0);
        assertThat(relapse.path("kind").asString()).isEqualTo("SELF_REPORTED_USE");
        assertThat(Instant.parse(relapse.path("at").asString())).isEqualTo(reportedUse);
        List<String> preceding = new ArrayList<>();
        relapse.path("precededBy").forEach(alert -> preceding.add(alert.path("ruleId").asString()));
        assertThat(preceding).contains("CHK-001").doesNotContain("CHK-005");
        JsonNode chk001 = result.path("outcomes").path("byRule").path("CHK-001");
        assertThat(chk001.path("alerts").asInt()).isOne();
        assertThat(chk001.path("followedByRelapse").asInt()).isOne();
        assertThat(chk001.path("positivePredictiveValue").asDouble()).isEqualTo(1.0);
        assertThat(Duration.parse(chk001.path("medianLeadTime").asString()))
                .isBetween(Duration.ofHours(47), Duration.ofHours(49));
    }

    @Test
    void alertsNobodyResolvesClimbTheLadderWhenAssumedOpenLonger() {
        String body = request(participant, null).replace("}", ", \"assumeResolvedAfter\": \"P3D\"}");

        JsonNode result = fixtures.as(supervisor).post("/api/v1/rules/backtest", body).json();

        JsonNode craving = alert(result, "CHK-001");
        Instant raised = Instant.parse(craving.path("raisedAt").asString());
        assertThat(Instant.parse(craving.path("escalatedAt").asString())).isAfter(raised);
        List<String> recipients = new ArrayList<>();
        craving.path("recipients").forEach(staff -> recipients.add(staff.asString()));
        assertThat(recipients).startsWith(mentor).contains(counsellor);
        assertThat(Instant.parse(craving.path("resolvedAt").asString())).isEqualTo(raised.plus(Duration.ofDays(3)));
    }

    @Test
    void comparesACandidateWithTheActiveSetRuleByRule() throws IOException {
        String candidate = candidate("CHK-001.craving: {value: 8,", "CHK-001.craving: {value: 10,");

        JsonNode result = fixtures.as(supervisor).post("/api/v1/rules/backtest",
                request(participant, "\"compareWith\": \"" + candidate + "\"")).json();

        assertThat(result.path("summary").path("byRule").path("CHK-001").asInt()).isOne();
        JsonNode compared = result.path("compareWith");
        assertThat(compared.path("rules").asString()).isEqualTo(candidate);
        assertThat(compared.path("ruleSetVersion").asString()).isNotEqualTo(result.path("ruleSetVersion").asString());
        assertThat(compared.path("summary").path("byRule").has("CHK-001")).isFalse();
        JsonNode removed = result.path("difference").path("CHK-001").path("removed");
        assertThat(removed.size()).isOne();
        assertThat(removed.get(0).path("participantId").asString()).isEqualTo(participant);
        assertThat(result.path("difference").path("CHK-001").path("added").size()).isZero();
    }

    @Test
    void refusesBadPeriodsAndStepsNamingTheField() {
        Api api = fixtures.as(supervisor);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertInvalidField(api.post("/api/v1/rules/backtest", """
                {"from": "%s", "to": "%s"}""".formatted(now.minusSeconds(60), now.minusSeconds(3600))), "from");
        assertInvalidField(api.post("/api/v1/rules/backtest", """
                {"from": "%s", "to": "%s"}""".formatted(now.minus(Duration.ofDays(367)), now)), "to");
        assertInvalidField(api.post("/api/v1/rules/backtest", """
                {"from": "%s", "to": "%s", "step": "PT4M"}""".formatted(now.minus(Duration.ofDays(2)), now)), "step");
        assertInvalidField(api.post("/api/v1/rules/backtest", """
                {"from": "%s", "to": "%s"}""".formatted(now, now.plus(Duration.ofDays(2)))), "to");
        assertInvalidField(api.post("/api/v1/rules/backtest", "{\"to\": \"" + now + "\"}"), "from");
        assertInvalidField(api.post("/api/v1/rules/backtest", """
                {"from": "%s", "to": "%s", "step": "an hour"}""".formatted(now.minus(Duration.ofDays(2)), now)),
                "step");
    }

    @Test
    void refusesParticipantsOutsideTheCaseloadAsIfUnknown() {
        String elsewhere = fixtures.participant();

        JsonNode foreign = assertProblem(fixtures.as(supervisor).post("/api/v1/rules/backtest",
                request(List.of(participant, elsewhere), null)), 422);
        JsonNode unknown = assertProblem(fixtures.as(supervisor).post("/api/v1/rules/backtest",
                request(List.of("P-nobody"), null)), 422);

        assertThat(fields(foreign)).containsExactly("participantIds[1]");
        assertThat(fields(unknown)).containsExactly("participantIds[0]");
        assertThat(foreign.path("errors").get(0).path("message").asString())
                .isEqualTo("there is no participant " + elsewhere + " in your caseload");
    }

    @Test
    void namesTheFileAndLineOfACandidateThatDoesNotCompile() throws IOException {
        String broken = candidate("CHK-001.craving: {value: 8,", "CHK-001.craving: {value: 8,");
        Path drl = CANDIDATES.resolve(broken).resolve("signals/cravings.drl");
        Files.writeString(drl, Files.readString(drl) + """

                rule "CHK-099 Broken"
                when
                    CheckIn( craving >>> 3 )
                then
                end
                """);

        JsonNode problem = assertProblem(fixtures.as(supervisor).post("/api/v1/rules/backtest",
                request(participant, "\"rules\": \"" + broken + "\"")), 422);

        assertThat(problem.path("field").asString()).isEqualTo("rules");
        JsonNode error = problem.path("errors").get(0);
        assertThat(error.path("file").asString()).isEqualTo(broken + "/signals/cravings.drl");
        assertThat(error.path("line").asInt()).isPositive();
    }

    @Test
    void aCandidateWithAResponseForNoRuleOfItsSetIsRefusedNamingTheLine() throws IOException {
        String stray = candidate("CHK-001.craving: {value: 8,", "CHK-001.craving: {value: 8,");
        Path responses = CANDIDATES.resolve(stray).resolve("responses.yaml");
        Files.writeString(responses, Files.readString(responses) + """

                CHK-097:
                  default: The rule this was for was removed.
                """);

        JsonNode problem = assertProblem(fixtures.as(supervisor).post("/api/v1/rules/backtest",
                request(participant, "\"rules\": \"" + stray + "\"")), 422);

        assertThat(problem.path("field").asString()).isEqualTo("rules");
        JsonNode error = problem.path("errors").get(0);
        assertThat(error.path("file").asString()).isEqualTo(stray + "/responses.yaml");
        assertThat(error.path("line").asInt()).isPositive();
        assertThat(error.toString()).contains("CHK-097 is not a rule of this rule set");
    }

    @Test
    void aRuleThatFailsWhileRunningIsCountedAndTheReplayGoesOn() throws IOException {
        String failing = candidate("CHK-001.craving: {value: 8,", "CHK-001.craving: {value: 8,");
        Path drl = CANDIDATES.resolve(failing).resolve("signals/cravings.drl");
        Files.writeString(drl, Files.readString(drl) + """

                rule "CHK-098 Fails on high craving"
                when
                    CheckIn( craving >= 9, recency == 1 )
                then
                    throw new IllegalStateException("a rule author's mistake");
                end
                """);
        Path responses = CANDIDATES.resolve(failing).resolve("responses.yaml");
        Files.writeString(responses, Files.readString(responses) + """

                CHK-098:
                  default: Nothing to do; this rule only fails.
                """);

        JsonNode result = fixtures.as(supervisor).post("/api/v1/rules/backtest",
                request(participant, "\"rules\": \"" + failing + "\"")).json();

        JsonNode failed = result.path("failedEvaluations");
        assertThat(failed.path("count").asInt()).isPositive();
        assertThat(failed.path("examples").get(0).asString()).contains("CHK-098").contains("a rule author's mistake");
        assertThat(alert(result, "GAP-001").path("severity").asString()).isEqualTo("WATCH");
        assertThat(result.path("warnings").size()).isPositive();
    }

    @Test
    void aCandidateNameCannotReachOutsideTheCandidatesFolder() {
        for (String name : List.of("../../rules", "..", "/etc", "nothing-here")) {
            JsonNode problem = assertProblem(fixtures.as(supervisor).post("/api/v1/rules/backtest",
                    request(participant, "\"rules\": \"" + name + "\"")), 422);
            assertThat(fields(problem)).as(name).containsExactly("rules");
        }
    }

    @Test
    void onlySupervisorsAndAdminsMayBacktest() {
        String body = request(participant, null);

        assertProblem(fixtures.as(mentor).post("/api/v1/rules/backtest", body), 403);
        assertProblem(fixtures.as(counsellor).post("/api/v1/rules/backtest", body), 403);
        assertProblem(fixtures.integration("ingest", "roster").post("/api/v1/rules/backtest", body), 403);
        assertThat(fixtures.admin().post("/api/v1/rules/backtest",
                request(fixtures.participant(), null)).status()).isEqualTo(200);
    }

    @Test
    void aBacktestCanRunInTheBackgroundAndBeCancelled() {
        Api api = fixtures.as(supervisor);
        String location;
        // The backtest waits to read check-ins while they are held: it is running, at a known point.
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            Api.Reply started = api.post("/api/v1/rules/backtest", request(participant, null),
                    Map.of("Prefer", "respond-async"));

            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            location = started.header("Location");
            assertThat(location).startsWith("/api/v1/rules/backtest/");
            assertThat(started.json().path("state").asString()).isEqualTo("RUNNING");
            assertThat(started.json().path("done").asInt()).isZero();
            assertProblem(api.post("/api/v1/rules/backtest", request(participant, null)), 429);
            assertProblem(fixtures.admin().get(location), 404);
            assertThat(api.delete(location).status()).isEqualTo(200);
        }
        assertThat(Waiting.until(Duration.ofSeconds(30),
                () -> !api.get(location).json().path("state").asString().equals("RUNNING"))).isTrue();
        JsonNode cancelled = api.get(location).json();
        assertThat(cancelled.path("state").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.has("result")).isFalse();
        assertThat(api.post("/api/v1/rules/backtest", request(participant, null)).status()).isEqualTo(200);
    }

    @Test
    void listsTheCandidatesAndYourBacktestsWithoutTheirAnswers() throws IOException {
        String candidate = candidate("CHK-001.craving: {value: 8,", "CHK-001.craving: {value: 9,");
        Api.Reply ran = fixtures.as(supervisor).post("/api/v1/rules/backtest", request(participant, null));
        String location = ran.header("Content-Location");

        JsonNode overview = fixtures.as(supervisor).get("/api/v1/rules/backtest").json();

        List<String> candidates = new ArrayList<>();
        overview.path("candidates").forEach(name -> candidates.add(name.asString()));
        assertThat(candidates).contains(candidate);
        JsonNode listed = overview.path("backtests").get(0);
        assertThat("/api/v1/rules/backtest/" + listed.path("id").asString()).isEqualTo(location);
        assertThat(listed.path("state").asString()).isEqualTo("DONE");
        assertThat(listed.path("rules").asString()).isEqualTo("active");
        assertThat(listed.has("result")).isFalse();
        assertThat(fixtures.as(supervisor).get(location).json().path("result").path("alerts").size()).isPositive();
        assertThat(fixtures.as(mentor).get("/api/v1/rules/backtest").status()).isEqualTo(403);
    }

    @Test
    void eachBacktestIsInTheAuditLog() {
        fixtures.as(supervisor).post("/api/v1/rules/backtest", request(participant, null));

        JsonNode events = fixtures.admin().get("/api/v1/audit?actor=" + supervisor + "&action=BACKTEST_RUN").json();

        assertThat(events.path("items").size()).isPositive();
        assertThat(events.path("items").get(0).path("target").asString()).contains("1 participants");
    }

    @Test
    void theApiDocumentsDescribeTheAnswerAsItIsSent() {
        JsonNode schemas = fixtures.admin().get("/v3/api-docs").json().path("components").path("schemas");

        JsonNode result = schemas.path("Result").path("properties");
        List<String> properties = new ArrayList<>();
        result.propertyNames().forEach(properties::add);
        assertThat(properties).contains("from", "participants", "ruleSetVersion", "alerts", "summary", "outcomes",
                "compareWith", "difference").doesNotContain("run");
    }

    // --- helpers

    private String request(String who, String more) {
        return request(List.of(who), more);
    }

    private String request(List<String> who, String more) {
        String ids = String.join("\", \"", who);
        return """
                {"from": "%s", "to": "%s", "participantIds": ["%s"]%s}""".formatted(enrolled.minusSeconds(3600),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), ids, more == null ? "" : ", " + more);
    }

    private static JsonNode alert(JsonNode result, String rule) {
        for (JsonNode alert : result.path("alerts")) {
            if (alert.path("ruleId").asString().equals(rule)) {
                return alert;
            }
        }
        throw new AssertionError("no " + rule + " alert in " + result.path("alerts"));
    }

    /** A copy of the rules folder as a candidate, with one text of its thresholds replaced. */
    private static String candidate(String threshold, String replacement) throws IOException {
        String name = Fixtures.uniqueId("candidate");
        Path folder = CANDIDATES.resolve(name);
        Files.createDirectories(CANDIDATES);
        FileSystemUtils.copyRecursively(Path.of("rules"), folder);
        Path thresholds = folder.resolve("thresholds.yaml");
        String text = Files.readString(thresholds);
        assertThat(text).contains(threshold);
        Files.writeString(thresholds, text.replace(threshold, replacement));
        return name;
    }

    /** What a backtest must leave as it found it. */
    private String rowCounts() {
        return jdbc.sql("""
                SELECT concat_ws(' ', (SELECT count(*) FROM alert), (SELECT count(*) FROM alert_evidence),
                    (SELECT count(*) FROM alert_recipient), (SELECT count(*) FROM alert_history),
                    (SELECT count(*) FROM notification), (SELECT count(*) FROM check_in))""")
                .query(String.class).single();
    }
}

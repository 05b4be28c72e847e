package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.alert.QualityHistory.Handling.raised;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.PageClient;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Rule quality against alerts whose handling is known to the minute, in two programmes: the exact
 * figures, who sees which programme's alerts counted, and the periods refused.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleQualityTests {

    static final Duration DAY = Duration.ofHours(24);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    QualityHistory history;
    String programmeA;
    String programmeB;
    String supervisorA;
    String mentorA;
    String mentorsParticipant;
    Instant base;
    String period;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        history = new QualityHistory(jdbc, fixtures, fixtures.integration("ingest"));
        base = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        period = "from=" + base.minus(DAY) + "&to=" + base.plus(Duration.ofDays(10));
        programmeA = fixtures.programme();
        programmeB = fixtures.programme();
        supervisorA = fixtures.staffIn(programmeA, "SUPERVISOR");
        mentorA = fixtures.staffIn(programmeA, "PEER_MENTOR");
        String counsellorA = fixtures.staffIn(programmeA, "COUNSELLOR");
        List<String> a = IntStream.range(0, 11)
                .mapToObj(n -> fixtures.participantIn(programmeA, n == 0 ? mentorA : fixtures.staff("PEER_MENTOR"),
                        counsellorA, true)).toList();
        mentorsParticipant = a.get(0);
        watchAlertsOf(a);
        risenAlertsOf(a.subList(6, 11));
        String counsellorB = fixtures.staffIn(programmeB, "COUNSELLOR");
        for (int n = 0; n < 5; n++) {
            String participant = fixtures.participantIn(programmeB, fixtures.staff("PEER_MENTOR"), counsellorB, true);
            history.alert(participant, programmeB, raised("QA-001", "WATCH", base.plus(Duration.ofHours(n)), DAY)
                    .acknowledgedAfter(Duration.ofHours(30)).resolvedAfter(Duration.ofHours(31), counsellorB,
                            "FALSE_ALARM"));
        }
    }

    /**
     * QA-001 WATCH, 24 h to acknowledge: three answered in time (1 h, 2 h, and 3 h by resolving at
     * once), one late (30 h), one never; one closed by Saathi itself (its condition cleared), which
     * needed no answer even after its deadline. Relapses: use 3 days after, a positive screen 13 days
     * after, a confirmed relapse 5 days after; use 15 days after and use before the alert do not count.
     */
    private void watchAlertsOf(List<String> a) {
        history.alert(a.get(0), programmeA, raised("QA-001", "WATCH", base, DAY).acknowledgedAfter(hours(1))
                .resolvedAfter(hours(2), supervisorA, "CONTACTED_STABLE"));
        history.usedSubstance(a.get(0), base.plus(Duration.ofDays(3)));
        history.alert(a.get(1), programmeA, raised("QA-001", "WATCH", base.plus(hours(1)), DAY)
                .acknowledgedAfter(hours(2)).resolvedAfter(hours(4), supervisorA, "FALSE_ALARM"));
        history.positiveDrugScreen(a.get(1), base.plus(hours(1)).plus(Duration.ofDays(13)));
        history.alert(a.get(2), programmeA, raised("QA-001", "WATCH", base.plus(hours(2)), DAY)
                .acknowledgedAfter(hours(30)).resolvedAfter(hours(31), supervisorA, "FALSE_ALARM"));
        history.usedSubstance(a.get(2), base.plus(hours(2)).plus(Duration.ofDays(15)));
        history.alert(a.get(3), programmeA, raised("QA-001", "WATCH", base.plus(hours(3)), DAY));
        history.usedSubstance(a.get(3), base.plus(hours(2)));
        history.alert(a.get(4), programmeA, raised("QA-001", "WATCH", base.plus(hours(4)), DAY)
                .resolvedAfter(hours(3), supervisorA, "REFERRED"));
        history.alert(a.get(4), programmeA, raised("QA-002", "URGENT", base.plus(hours(4)).plus(Duration.ofDays(5)),
                hours(4)).acknowledgedAfter(hours(1)).resolvedAfter(hours(2), supervisorA, "RELAPSE_CONFIRMED"));
        history.alert(a.get(5), programmeA, raised("QA-001", "WATCH", base.plus(hours(5)), DAY)
                .resolvedAfter(hours(30), Alerts.SYSTEM, "OTHER"));
    }

    /**
     * QA-003 raised WATCH and risen to WARNING 20 h later, 12 h to acknowledge from the rise: one
     * acknowledged 6 h after the rise (26 h after it was raised) is in time; four at 13 h are late.
     */
    private void risenAlertsOf(List<String> participants) {
        for (int n = 0; n < participants.size(); n++) {
            history.alert(participants.get(n), programmeA, raised("QA-003", "WARNING", base.plus(hours(n)), hours(12))
                    .risenAfter(hours(20)).acknowledgedAfter(hours(n == 0 ? 6 : 13)));
        }
    }

    @Test
    void figuresOfARuleFollowItsAlertsHandlingAndWhatCameAfter() {
        JsonNode report = quality(fixtures.as(supervisorA), period);

        JsonNode watch = row(report, "QA-001", "WATCH");
        assertThat(watch.path("alerts").asLong()).isEqualTo(6);
        assertThat(watch.path("withheld").asBoolean()).isFalse();
        JsonNode figures = watch.path("figures");
        assertThat(figures.path("acknowledgementsDue").asLong()).isEqualTo(5);
        assertThat(figures.path("acknowledgedInTime").asLong()).isEqualTo(3);
        assertThat(figures.path("shareAcknowledgedInTime").asDouble()).isEqualTo(0.6);
        assertThat(Duration.parse(figures.path("medianTimeToAcknowledge").asString()))
                .as("median of 1, 2, 3 and 30 hours").isEqualTo(Duration.ofMinutes(150));
        JsonNode outcomes = figures.path("outcomes");
        assertThat(outcomes.path("CONTACTED_STABLE").asLong()).isEqualTo(1);
        assertThat(outcomes.path("FALSE_ALARM").asLong()).isEqualTo(2);
        assertThat(outcomes.path("REFERRED").asLong()).isEqualTo(1);
        assertThat(outcomes.path("OTHER").asLong()).isEqualTo(1);
        assertThat(outcomes.path("RELAPSE_CONFIRMED").asLong()).isZero();
        assertThat(figures.path("resolvedByStaff").asLong()).isEqualTo(4);
        assertThat(figures.path("overrideRate").asDouble()).isEqualTo(0.5);
        assertThat(figures.path("relapsesWithin14Days").asLong()).isEqualTo(3);
        assertThat(figures.path("relapseShare").asDouble()).isEqualTo(0.5);
    }

    @Test
    void theDeadlineOfARisenAlertRunsFromItsRise() {
        JsonNode risen = row(quality(fixtures.as(supervisorA), period), "QA-003", "WARNING").path("figures");

        assertThat(risen.path("acknowledgementsDue").asLong()).isEqualTo(5);
        assertThat(risen.path("acknowledgedInTime").asLong()).isEqualTo(1);
        assertThat(Duration.parse(risen.path("medianTimeToAcknowledge").asString())).isEqualTo(Duration.ofHours(13));
        assertThat(risen.path("resolvedByStaff").asLong()).isZero();
        assertThat(risen.path("overrideRate").isNull()).as("no share of nothing resolved").isTrue();
    }

    @Test
    void fewerThanFiveAlertsShowTheirCountAlone() {
        JsonNode report = quality(fixtures.as(supervisorA), period);

        JsonNode few = row(report, "QA-002", "URGENT");
        assertThat(few.path("alerts").asLong()).isEqualTo(1);
        assertThat(few.path("withheld").asBoolean()).isTrue();
        assertThat(few.path("figures").isNull()).isTrue();
        assertThat(report.path("fewestAlerts").asInt()).isEqualTo(5);
        assertThat(report.path("outcomes").valueStream().map(JsonNode::asString).toList())
                .as("every outcome the product knows").contains("CONTACTED_STABLE", "FALSE_ALARM", "OTHER");
    }

    @Test
    void eachCallerCountsOnlyTheAlertsWithinTheirReach() {
        assertThat(row(quality(fixtures.as(supervisorA), period), "QA-001", "WATCH").path("alerts").asLong())
                .as("programme B's five are not counted").isEqualTo(6);
        JsonNode b = row(quality(fixtures.anonymous().bearer(fixtures.keyFor(programmeB, "metrics")), period),
                "QA-001", "WATCH");
        assertThat(b.path("alerts").asLong()).isEqualTo(5);
        assertThat(b.path("figures").path("overrideRate").asDouble()).isEqualTo(1.0);
        Api everywhere = fixtures.anonymous().bearer(fixtures.key("metrics"));
        assertThat(row(quality(everywhere, period + "&programmeId=" + programmeA), "QA-001", "WATCH")
                .path("alerts").asLong()).isEqualTo(6);
        assertProblem(fixtures.as(mentorA).get("/api/v1/rules/quality?" + period), 403);

        assertProblem(fixtures.as(supervisorA).get("/api/v1/rules/quality?" + period + "&programmeId=" + programmeB),
                404);
        assertProblem(fixtures.anonymous().bearer(fixtures.keyFor(programmeA, "metrics"))
                .get("/api/v1/rules/quality?" + period + "&programmeId=" + programmeB), 404);
        assertProblem(fixtures.admin().get("/api/v1/rules/quality?" + period + "&programmeId=" + programmeA), 404);
        assertProblem(fixtures.integration("ingest").get("/api/v1/rules/quality?" + period), 403);
        assertProblem(fixtures.anonymous().get("/api/v1/rules/quality?" + period), 401);
    }

    @Test
    void theAnswerNamesNoParticipantAndNoAlert() {
        String body = fixtures.as(supervisorA).get("/api/v1/rules/quality?" + period).body();

        assertThat(body).doesNotContain(mentorsParticipant).doesNotContain("participant").doesNotContain(supervisorA);
        List<String> ids = jdbc.sql("SELECT CAST(id AS text) FROM alert WHERE programme_id = :p")
                .param("p", programmeA).query(String.class).list();
        assertThat(ids).isNotEmpty().noneMatch(body::contains);
    }

    @Test
    void badPeriodsAndProgrammesAreProblems() {
        Api supervisor = fixtures.as(supervisorA);
        String to = base.toString();

        assertInvalidField(supervisor.get("/api/v1/rules/quality?from=" + base.plus(DAY) + "&to=" + to), "from");
        assertInvalidField(supervisor.get("/api/v1/rules/quality?from=" + to + "&to=" + to), "from");
        assertInvalidField(supervisor.get("/api/v1/rules/quality?from=" + base.minus(Duration.ofDays(367))
                + "&to=" + to), "to");
        assertInvalidField(supervisor.get("/api/v1/rules/quality?from=yesterday"), "from");
        assertInvalidField(supervisor.get("/api/v1/rules/quality?to=2026-03-01"), "to");
        assertInvalidField(supervisor.get("/api/v1/rules/quality?programmeId=not%20an%20id"), "programmeId");
        assertProblem(supervisor.get("/api/v1/rules/quality?programmeId=" + Fixtures.uniqueId("nowhere")), 404);
        assertThat(supervisor.get("/api/v1/rules/quality?from=" + base.minus(Duration.ofDays(366)) + "&to=" + to)
                .status()).as("a year of 366 days").isEqualTo(200);
    }

    @Test
    void theRulesPageShowsTheFiguresOfThePeriodChosenAndNoParticipant() {
        PageClient page = PageClient.loggedIn(port, supervisorA, Fixtures.STAFF_PASSWORD);
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        String days = "from=" + LocalDate.ofInstant(base.minus(DAY), zone) + "&to="
                + LocalDate.ofInstant(base.plus(Duration.ofDays(9)), zone);

        HttpResponse<String> shown = page.get("/rules?" + days);

        assertThat(shown.statusCode()).isEqualTo(200);
        String watch = rowOf(shown.body(), "QA-001", "WATCH");
        assertThat(watch).contains(">Test rule<", ">6<", "3 of 5 (60 %)", "2 h 30 min", "50 % of 4", "3 (50 %)");
        assertThat(rowOf(shown.body(), "QA-002", "URGENT")).contains("Fewer than 5 alerts or participants: figures withheld")
                .doesNotContain("RELAPSE");
        assertThat(shown.body()).contains("<th role=\"columnheader\" scope=\"col\">False alarm</th>")
                .contains("name=\"from\"").doesNotContain(mentorsParticipant);
        assertThat(page.get("/rules").body()).as("the last 90 days: alerts 40 days ago").contains("QA-001");

        HttpResponse<String> backwards = page.get("/rules?from=" + LocalDate.ofInstant(base, zone) + "&to="
                + LocalDate.ofInstant(base.minus(Duration.ofDays(2)), zone));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("From: must be on or before the last day").doesNotContain("QA-001");
        assertThat(page.get("/rules?from=someday&to=2026-01-01").statusCode()).isEqualTo(400);
    }

    /** The table row of a rule and severity, from its rule id to the row's end. */
    private static String rowOf(String body, String ruleId, String severity) {
        int start = body.indexOf(">" + ruleId + "<");
        while (start >= 0) {
            String row = body.substring(start, body.indexOf("</tr>", start));
            if (row.contains(">" + severity + "<")) {
                return row;
            }
            start = body.indexOf(">" + ruleId + "<", start + 1);
        }
        throw new AssertionError(ruleId + " " + severity + " not on the page");
    }

    static JsonNode quality(Api caller, String query) {
        Api.Reply reply = caller.get("/api/v1/rules/quality?" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    static JsonNode row(JsonNode report, String ruleId, String severity) {
        return report.path("rules").valueStream()
                .filter(row -> row.path("ruleId").asString().equals(ruleId)
                        && row.path("severity").asString().equals(severity))
                .findFirst().orElseThrow(() -> new AssertionError(ruleId + " " + severity + " not in " + report));
    }

    static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }
}

package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Fixtures;
import org.saathi.testing.HeldTable;
import org.saathi.testing.PageClient;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The backtest page over HTTP: who may use it, the form's problems shown where they belong, and a
 * backtest started from it followed to its answer, or cancelled, by the one who started it alone.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestPageTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestClock clock;

    Fixtures fixtures;
    BacktestHistory history;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        history = BacktestHistory.make(fixtures, clock);
    }

    @Test
    void supervisorOpensTheFormWithTheLast90DaysAndTheActiveRuleSet() {
        PageClient supervisor = supervisor();

        HttpResponse<String> page = supervisor.get("/rules/backtest");

        assertThat(page.statusCode()).isEqualTo(200);
        String today = BacktestHistory.formTime(Instant.now()).substring(0, 10);
        String from = BacktestHistory.formTime(Instant.now().minus(90, ChronoUnit.DAYS)).substring(0, 10);
        assertThat(page.body()).contains("<h1>Backtest a rule set</h1>")
                .containsPattern("id=\"from\" name=\"from\" required value=\"" + from + "T")
                .containsPattern("id=\"to\" name=\"to\" required value=\"" + today + "T")
                .contains("name=\"step\"").contains("value=\"60\"").contains("Active rule set (")
                .contains("name=\"_csrf\"");
        assertThat(supervisor.get("/rules").body()).as("linked from the rules page")
                .contains("href=\"/rules/backtest\"");
    }

    @Test
    void peerMentorAndCounsellorAreRefused() {
        for (String role : new String[] {"PEER_MENTOR", "COUNSELLOR"}) {
            PageClient staff = PageClient.loggedIn(port, fixtures.staffIn(history.programme(), role),
                    Fixtures.STAFF_PASSWORD);

            HttpResponse<String> page = staff.get("/rules/backtest");

            assertThat(page.statusCode()).as(role).isEqualTo(403);
            assertThat(page.body()).as(role).contains("Not for your role");
            assertThat(staff.post("/rules/backtest", form(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now()))
                    .statusCode()).as(role + " posting").isEqualTo(403);
            assertThat(staff.get("/rules").body()).as(role + " is not offered the link")
                    .doesNotContain("href=\"/rules/backtest\"");
        }
    }

    @Test
    void aFormWithFromAfterToAndAShortStepShowsEachProblemByItsFieldAndKeepsTheValues() {
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");
        Map<String, String> fields = form(Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().minus(2, ChronoUnit.DAYS));
        fields.put("step", "2");
        fields.put("participantIds", history.highCraving());

        HttpResponse<String> page = supervisor.post("/rules/backtest", fields);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body())
                .contains("<p class=\"field-problem\" id=\"from-problem\">From: must be before to</p>")
                .contains("<p class=\"field-problem\" id=\"step-problem\">Evaluate every: must be at least 5 minutes")
                .contains("href=\"#from\"").contains("href=\"#step\"")
                .containsPattern("id=\"from\" name=\"from\" required value=\"" + fields.get("from") + "\"[^>]*"
                        + "aria-describedby=\"from-hint from-problem\" aria-invalid=\"true\"")
                .containsPattern("id=\"step\" name=\"step\"[^>]*value=\"2\"")
                .contains("value=\"" + fields.get("to") + "\"")
                .contains("value=\"" + history.highCraving() + "\"");
        assertThat(page.body()).doesNotContain("id=\"to-problem\"");
    }

    @Test
    void aCandidateThatDoesNotCompileIsListedByFileAndLine() {
        String name = BacktestHistory.candidate(Fixtures.uniqueId("broken"), "signals/cravings.drl",
                drl -> drl + "\nrule \"CHK-999 Broken\"\nwhen\n    CheckIn( craving >>> 3 )\nthen\nend\n");
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");
        Map<String, String> fields = form(Instant.now().minus(7, ChronoUnit.DAYS), Instant.now());
        fields.put("compareWith", name);

        HttpResponse<String> page = supervisor.post("/rules/backtest", fields);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("Compare with: does not compile, so nothing was replayed")
                .containsPattern("<code>" + name + "/signals/cravings.drl:\\d+: [^<]+</code>")
                .containsPattern("<option value=\"" + name + "\" selected=\"selected\">");
    }

    @Test
    void aBacktestOfAFewParticipantsFinishesAndShowsTheRuleThatFired() {
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");

        HttpResponse<String> started = supervisor.post("/rules/backtest",
                form(Instant.now().minus(14, ChronoUnit.DAYS), Instant.now()));

        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String path = started.headers().firstValue("Location").orElseThrow();
        assertThat(path).matches("/rules/backtest/[0-9a-f-]{36}");
        String page = finished(supervisor, path);
        assertThat(page).contains("<h2 id=\"rules-title\">Per rule</h2>").contains("id=\"rule-CHK-001\"")
                .containsPattern("CHK-001 High craving</span></td>\\s*<td role=\"cell\" class=\"num\" "
                        + "data-label=\"Alerts\">1</td>")
                .contains("<meter").contains("data-chart=\"{").contains("<span class=\"severity sev-WATCH\">WATCH</span> <span>");
        HttpResponse<String> refresh = supervisor.get(path + "/progress", Map.of("HX-Request", "true"));
        assertThat(refresh.headers().firstValue("HX-Retarget")).as("the answer replaces the running section")
                .contains("#backtest");
        assertThat(refresh.body()).startsWith("<div id=\"backtest\">").contains("id=\"rule-CHK-001\"")
                .doesNotContain("hx-trigger");
        assertThat(supervisor.get("/rules/backtest").body()).as("listed as kept")
                .contains("href=\"" + path + "\"").contains("st-DONE");
    }

    @Test
    void aBacktestOfTwoParticipantsOverDaysShowsTheCountWithoutAMonthlyRate() {
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");

        HttpResponse<String> started = supervisor.post("/rules/backtest",
                form(Instant.now().minus(14, ChronoUnit.DAYS), Instant.now()));

        String page = finished(supervisor, started.headers().firstValue("Location").orElseThrow());
        // Two participants enrolled 11 days ago: 0.7 participant-months.
        assertThat(page).containsPattern("Alerts per participant-month</th>\\s*<td role=\"cell\" class=\"num\" "
                        + "data-label=\"Active rule set\">—, too little time replayed for a monthly rate "
                        + "\\(0\\.7 participant-months\\)</td>");
    }

    @Test
    void aRunningBacktestShowsItsProgressAndCanBeCancelled() {
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");
        String path;
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            HttpResponse<String> started = supervisor.post("/rules/backtest",
                    form(Instant.now().minus(14, ChronoUnit.DAYS), Instant.now()));
            path = started.headers().firstValue("Location").orElseThrow();

            String running = supervisor.get(path).body();
            assertThat(running).contains("<progress id=\"progress-bar\" max=\"2\" value=\"0\">0 of 2</progress>")
                    .contains("hx-trigger=\"every 2s\"").contains("Cancel the backtest");
            HttpResponse<String> refresh = supervisor.get(path + "/progress", Map.of("HX-Request", "true"));
            assertThat(refresh.body()).startsWith("<div id=\"progress\"").contains("<progress");
            assertThat(refresh.headers().firstValue("HX-Retarget")).isEmpty();

            HttpResponse<String> cancelled = supervisor.post(path + "/cancel", Map.of());
            assertThat(cancelled.statusCode()).isEqualTo(303);
            assertThat(cancelled.headers().firstValue("Location")).contains(path);
        }
        assertThat(finished(supervisor, path)).contains("Cancelled after 0 of 2 participants")
                .doesNotContain("Per rule");
    }

    @Test
    void aSecondBacktestWhileOneRunsIsRefusedWithAMessageAndTheFormKept() {
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");
        String path;
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            path = supervisor.post("/rules/backtest", form(Instant.now().minus(14, ChronoUnit.DAYS), Instant.now()))
                    .headers().firstValue("Location").orElseThrow();
            supervisor.get("/rules/backtest");
            Map<String, String> fields = form(Instant.now().minus(30, ChronoUnit.DAYS), Instant.now());
            fields.put("step", "15");

            HttpResponse<String> refused = supervisor.post("/rules/backtest", fields);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("Another backtest is running, and only one runs at a time")
                    .containsPattern("id=\"step\" name=\"step\"[^>]*value=\"15\"")
                    .contains("value=\"" + fields.get("from") + "\"");
            supervisor.get(path);
            supervisor.post(path + "/cancel", Map.of());
        }
        finished(supervisor, path);
    }

    @Test
    void aBacktestAboveTheCeilingIsRefusedOnTheStepWithTheFigures() {
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");
        Map<String, String> fields = form(Instant.now().minus(366, ChronoUnit.DAYS), Instant.now());
        fields.put("step", "5");
        fields.put("participantIds", String.join(" ", IntStream.range(0, 400).mapToObj(i -> "P-many-" + i).toList()));

        HttpResponse<String> page = supervisor.post("/rules/backtest", fields);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).containsPattern("<p class=\"field-problem\" id=\"step-problem\">Evaluate every: would "
                + "take about [\\d,]+ evaluations \\(400 participants × 105,40\\d steps\\); a backtest may ask for at "
                + "most 25,000,000").containsPattern("id=\"step\" name=\"step\"[^>]*value=\"5\"");
    }

    @Test
    void aSupervisorOfTheProgrammeSeesAnotherSupervisorsRunningBacktestAndCancelsIt() {
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");
        PageClient colleague = PageClient.loggedIn(port, fixtures.staffIn(history.programme(), "SUPERVISOR"),
                Fixtures.STAFF_PASSWORD);
        String path;
        try (HeldTable checkIns = HeldTable.hold(dataSource, "check_in")) {
            path = supervisor.post("/rules/backtest", form(Instant.now().minus(14, ChronoUnit.DAYS), Instant.now()))
                    .headers().firstValue("Location").orElseThrow();

            String form = colleague.get("/rules/backtest").body();
            assertThat(form).contains("Running for someone else").contains("action=\"" + path + "/cancel\"");
            HttpResponse<String> cancelled = colleague.post(path + "/cancel", Map.of());

            assertThat(cancelled.statusCode()).isEqualTo(303);
            assertThat(cancelled.headers().firstValue("Location")).contains("/rules/backtest");
            assertThat(colleague.get(path).statusCode()).as("its answer stays the starter's").isEqualTo(404);
        }
        assertThat(finished(supervisor, path)).contains("Cancelled after 0 of 2 participants");
    }

    @Test
    void nobodyButTheStarterCanOpenOrCancelABacktest() {
        PageClient supervisor = supervisor();
        supervisor.get("/rules/backtest");
        String path = supervisor.post("/rules/backtest", form(Instant.now().minus(7, ChronoUnit.DAYS), Instant.now()))
                .headers().firstValue("Location").orElseThrow();
        finished(supervisor, path);

        for (PageClient other : new PageClient[] {
                PageClient.loggedIn(port, fixtures.staffIn(history.programme(), "SUPERVISOR"), Fixtures.STAFF_PASSWORD),
                PageClient.loggedIn(port, "admin", Fixtures.ADMIN_PASSWORD)}) {
            other.get("/rules/backtest");
            HttpResponse<String> page = other.get(path);
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("<h1>Not found</h1>").doesNotContain(history.highCraving());
            assertThat(other.get(path + "/progress").statusCode()).isEqualTo(404);
            assertThat(other.post(path + "/cancel", Map.of()).statusCode()).isEqualTo(404);
            assertThat(other.get("/rules/backtest").body()).doesNotContain(path);
        }
        assertThat(supervisor.get("/rules/backtest/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(supervisor.get("/rules/backtest/not-an-id").statusCode()).isEqualTo(404);
    }

    private PageClient supervisor() {
        return PageClient.loggedIn(port, history.supervisor(), Fixtures.STAFF_PASSWORD);
    }

    /** The form for both participants, every hour, facts counted from when they were received. */
    private Map<String, String> form(Instant from, Instant to) {
        Map<String, String> fields = new HashMap<>();
        fields.put("from", BacktestHistory.formTime(from));
        fields.put("to", BacktestHistory.formTime(to));
        fields.put("step", "60");
        fields.put("rules", "");
        fields.put("compareWith", "");
        fields.put("factsCount", "RECEIVED");
        fields.put("assumeResolvedAfter", "");
        fields.put("participantIds", String.join(" ", history.participants()));
        return fields;
    }

    /** The backtest's page once it no longer runs. */
    private static String finished(PageClient client, String path) {
        String[] page = new String[1];
        boolean ended = Waiting.until(Duration.ofSeconds(60), () -> {
            page[0] = client.get(path).body();
            return !page[0].contains("id=\"progress\"");
        });
        assertThat(ended).as("the backtest ended within a minute").isTrue();
        return page[0];
    }
}

package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.PageClient;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.saathi.testing.Waiting;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The staff page's session as HTTP sees it: cookie and header settings, CSRF, the idle timeout
 * (which the queue's own refreshes do not hold off), and what the page leaves in the audit log.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPageSessionTests {

    private static final Map<String, String> REFRESH = Map.of("HX-Request", "true", "X-Saathi-Refresh", "true");

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    String counsellor;
    Api ingest;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        counsellor = fixtures.staff("COUNSELLOR");
        ingest = fixtures.integration("ingest");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void sessionCookieIsHttpOnlySecureAndSameSite() {
        HttpResponse<String> login = PageClient.anonymous(port).get("/login");

        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("SAATHI_SESSION=").contains("HttpOnly").contains("Secure")
                .contains("SameSite=Lax");
    }

    @Test
    void pagesForbidScriptsFromElsewhereFramingAndCaching() {
        HttpResponse<String> queue = counsellor().get("/alerts");

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(queue.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(queue.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(queue.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>| on[a-z]+=\"");
    }

    @Test
    void scriptsAndStylesMayBeCached() {
        HttpResponse<String> css = PageClient.anonymous(port).get("/css/saathi.css");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age").doesNotContain("no-store");
    }

    @Test
    void pageWithoutLoginLeadsToTheLoginForm() {
        HttpResponse<String> queue = PageClient.anonymous(port).get("/alerts");

        assertThat(queue.statusCode()).isEqualTo(302);
        assertThat(queue.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void actionWithoutCsrfTokenIsRefusedAndChangesNothing() {
        String alertId = highCraving(ownParticipant());
        PageClient page = counsellor();

        HttpResponse<String> refused = page.forge("/alerts/" + alertId + "/acknowledge", Map.of("note", "x"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This form has expired");
        assertThat(status(alertId)).isEqualTo("OPEN");

        HttpResponse<String> accepted = page.post("/alerts/" + alertId + "/acknowledge", Map.of("note", "x"));
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(status(alertId)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void quietSessionEndsAfterTheIdleTimeout() {
        PageClient page = counsellor();
        clock.advance(Duration.ofMinutes(14));
        assertThat(page.get("/alerts").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(14));
        assertThat(page.get("/alerts").statusCode()).as("activity 14 min ago").isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> expired = page.get("/alerts");
        assertThat(expired.statusCode()).isEqualTo(302);
        assertThat(expired.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(page.get("/alerts").statusCode()).as("the session is gone").isEqualTo(302);
        assertThat(audited(counsellor, "SESSION_EXPIRED")).isPositive();
    }

    @Test
    void queueRefreshesDoNotKeepAQuietSessionAlive() {
        PageClient page = counsellor();
        for (int minute = 4; minute <= 12; minute += 4) {
            clock.advance(Duration.ofMinutes(4));
            HttpResponse<String> refresh = page.get("/alerts/rows", REFRESH);
            assertThat(refresh.statusCode()).as("refresh after %d min", minute).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(4));

        HttpResponse<String> refresh = page.get("/alerts/rows", REFRESH);

        // The page is asked to go to the login form itself rather than showing it inside the table.
        assertThat(refresh.statusCode()).isEqualTo(204);
        assertThat(refresh.headers().firstValue("HX-Redirect").orElseThrow()).endsWith("/login?expired");
    }

    @Test
    void aLoginFormLeftOpenLongerThanTheIdleTimeStillSignsIn() {
        PageClient page = PageClient.anonymous(port);
        page.get("/login");
        clock.advance(Duration.ofMinutes(30));

        HttpResponse<String> signedIn = page.post("/login",
                Map.of("username", counsellor, "password", Fixtures.STAFF_PASSWORD));

        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/alerts");
    }

    @Test
    void changingAStaffMembersRolesEndsTheirOpenSessions() {
        String supervisor = fixtures.staff("SUPERVISOR");
        PageClient page = PageClient.loggedIn(port, supervisor, Fixtures.STAFF_PASSWORD);
        assertThat(page.get("/alerts").statusCode()).isEqualTo(200);

        assertThat(fixtures.admin().put("/api/v1/staff/" + supervisor, """
                {"name": "Demoted", "email": "%s@example.org", "roles": ["PEER_MENTOR"]}""".formatted(supervisor))
                .status()).isEqualTo(200);

        HttpResponse<String> after = page.get("/alerts");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login?changed");
    }

    @Test
    void aNewPasswordEndsSessionsOpenedWithTheOldOne() {
        String member = fixtures.staff("COUNSELLOR");
        PageClient page = PageClient.loggedIn(port, member, Fixtures.STAFF_PASSWORD);

        assertThat(fixtures.admin().put("/api/v1/staff/" + member, """
                {"name": "Same", "email": "%s@example.org", "roles": ["COUNSELLOR"], "password": "a-brand-new-one-1"}"""
                .formatted(member)).status()).isEqualTo(200);

        assertThat(page.get("/alerts").headers().firstValue("Location").orElseThrow()).endsWith("/login?changed");
    }

    @Test
    void afterSigningInAgainTheQueueOpensNotItsRefreshFragment() {
        PageClient page = PageClient.anonymous(port);
        page.get("/alerts/rows?status=UNRESOLVED", REFRESH);

        HttpResponse<String> signedIn = page.logIn(counsellor, Fixtures.STAFF_PASSWORD);

        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/alerts");
    }

    @Test
    void refreshWithoutASessionIsSentToTheLoginForm() {
        HttpResponse<String> refresh = PageClient.anonymous(port).get("/alerts/rows", REFRESH);

        assertThat(refresh.statusCode()).isEqualTo(204);
        assertThat(refresh.headers().firstValue("HX-Redirect").orElseThrow()).endsWith("/login");
    }

    @Test
    void loginFailedLoginAndLogoutThroughTheFormAreAudited() {
        long logins = audited(counsellor, "LOGIN");
        PageClient page = counsellor();
        assertThat(audited(counsellor, "LOGIN")).isEqualTo(logins + 1);

        long logouts = audited(counsellor, "LOGOUT");
        assertThat(page.post("/logout", Map.of()).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?signedOut");
        assertThat(audited(counsellor, "LOGOUT")).isEqualTo(logouts + 1);

        long failures = audited(counsellor, "LOGIN_FAILED");
        HttpResponse<String> failed = PageClient.anonymous(port).logIn(counsellor, "wrong-password");
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?failed");
        // Failed logins are summed up per account once their minute is over.
        clock.advance(Duration.ofMinutes(1));
        assertThat(Waiting.until(Duration.ofSeconds(30), () -> audited(counsellor, "LOGIN_FAILED") == failures + 1))
                .as("the failed login in the audit log").isTrue();
        clock.reset();
        assertThat(PageClient.anonymous(port).logIn(counsellor, Fixtures.STAFF_PASSWORD).headers()
                .firstValue("Location").orElseThrow()).as("a success clears the failure").endsWith("/alerts");
    }

    @Test
    void theQueueIsAuditedWithItsParticipantsAndARefreshOnlyWhenItShowsOthers() {
        highCraving(ownParticipant());
        PageClient page = counsellor();
        long listed = audited(counsellor, "ALERTS_LISTED");

        assertThat(page.get("/alerts").statusCode()).isEqualTo(200);
        page.get("/alerts/rows", REFRESH);
        page.get("/alerts/rows", REFRESH);
        assertThat(audited(counsellor, "ALERTS_LISTED")).as("the page, then refreshes showing the same").isEqualTo(listed + 1);

        String newcomer = ownParticipant();
        highCraving(newcomer);
        page.get("/alerts/rows", REFRESH);

        assertThat(audited(counsellor, "ALERTS_LISTED")).as("a refresh showing someone new").isEqualTo(listed + 2);
        assertThat(jdbc.sql("""
                        SELECT target FROM audit_event WHERE actor = :actor AND action = 'ALERTS_LISTED'
                        ORDER BY id DESC LIMIT 1""").param("actor", counsellor).query(String.class).single())
                .contains(newcomer);
    }

    @Test
    void openingAnAlertOrAParticipantOnThePageIsAudited() {
        String participant = ownParticipant();
        String alertId = highCraving(participant);
        PageClient page = counsellor();
        long alertViews = audited(counsellor, "ALERT_VIEWED");
        long participantViews = audited(counsellor, "PARTICIPANT_VIEWED");

        assertThat(page.get("/alerts/" + alertId).statusCode()).isEqualTo(200);
        assertThat(page.get("/participants/" + participant).statusCode()).isEqualTo(200);

        assertThat(audited(counsellor, "ALERT_VIEWED")).isEqualTo(alertViews + 1);
        assertThat(audited(counsellor, "PARTICIPANT_VIEWED")).isEqualTo(participantViews + 1);
    }

    @Test
    void counsellorIsRefusedAdminPagesWithAPage() {
        HttpResponse<String> admin = counsellor().get("/admin/audit");

        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.body()).contains("Not for your role");
    }

    @Test
    void counsellorCannotResolveAnotherCaseloadsAlertThroughTheForm() {
        String other = fixtures.participant();
        String foreign = highCraving(other);
        long views = jdbc.sql("SELECT count(*) FROM audit_event WHERE participant_id = :p").param("p", other)
                .query(Long.class).single();
        PageClient page = counsellor();

        HttpResponse<String> refused = page.post("/alerts/" + foreign + "/resolve", Map.of("outcome", "FALSE_ALARM"));

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain(other);
        assertThat(status(foreign)).isEqualTo("OPEN");
        assertThat(page.get("/alerts/" + foreign).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE participant_id = :p").param("p", other)
                .query(Long.class).single()).as("nothing seen, nothing audited").isEqualTo(views);
    }

    @Test
    void resolvingWithoutAnOutcomeSaysSoAndChangesNothing() {
        String alertId = highCraving(ownParticipant());
        PageClient page = counsellor();
        page.get("/alerts/" + alertId);

        HttpResponse<String> answer = page.post("/alerts/" + alertId + "/resolve", Map.of("outcome", ""));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(page.get("/alerts/" + alertId).body()).contains("Choose an outcome.");
        assertThat(status(alertId)).isEqualTo("OPEN");
    }

    private PageClient counsellor() {
        return PageClient.loggedIn(port, counsellor, Fixtures.STAFF_PASSWORD);
    }

    /** A new participant of the counsellor's, so that an alert raised for them is new and open. */
    private String ownParticipant() {
        return fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
    }

    private String highCraving(String participantId) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6, "source": "%s"}"""
                .formatted(participantId, clock.instant().minus(1, ChronoUnit.MINUTES), Fixtures.uniqueId("s")));
        assertThat(reply.status()).as("check-in: %s", reply).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private String status(String alertId) {
        return jdbc.sql("SELECT status FROM alert WHERE id = CAST(:id AS uuid)").param("id", alertId)
                .query(String.class).single();
    }

    private long audited(String actor, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = :actor AND action = :action AND channel = 'WEB'")
                .param("actor", actor).param("action", action).query(Long.class).single();
    }
}

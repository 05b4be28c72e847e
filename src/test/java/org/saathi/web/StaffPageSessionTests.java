package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The staff page's session as HTTP sees it: cookie and header settings, CSRF, the idle timeout
 * (which the queue's own refreshes do not hold off), and logins in the audit log.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPageSessionTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    String counsellor;
    String participant;
    Api ingest;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        counsellor = fixtures.staff("COUNSELLOR");
        participant = fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
        ingest = fixtures.integration("ingest");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void sessionCookieIsHttpOnlySecureAndSameSite() throws Exception {
        HttpResponse<String> login = get("/login", null);

        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("SAATHI_SESSION=").contains("HttpOnly").contains("Secure")
                .contains("SameSite=Lax");
    }

    @Test
    void pagesForbidScriptsFromElsewhereFramingAndCaching() throws Exception {
        Session session = logIn(counsellor);

        HttpResponse<String> queue = get("/alerts", session.cookie);

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(queue.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(queue.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(queue.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>| on[a-z]+=\"");
    }

    @Test
    void scriptsAndStylesMayBeCached() throws Exception {
        HttpResponse<String> css = get("/css/saathi.css", null);

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age").doesNotContain("no-store");
    }

    @Test
    void pageWithoutLoginLeadsToTheLoginForm() throws Exception {
        HttpResponse<String> queue = get("/alerts", null);

        assertThat(queue.statusCode()).isEqualTo(302);
        assertThat(queue.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void actionWithoutCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String alertId = highCraving();
        Session session = logIn(counsellor);

        HttpResponse<String> refused = post("/alerts/" + alertId + "/acknowledge", session.cookie, "note=x");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(status(alertId)).isEqualTo("OPEN");

        HttpResponse<String> accepted = post("/alerts/" + alertId + "/acknowledge", session.cookie,
                "note=x&_csrf=" + session.csrf);
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(status(alertId)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void quietSessionEndsAfterTheIdleTimeout() throws Exception {
        Session session = logIn(counsellor);
        clock.advance(Duration.ofMinutes(14));
        assertThat(get("/alerts", session.cookie).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(14));
        assertThat(get("/alerts", session.cookie).statusCode()).as("activity 14 min ago").isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> expired = get("/alerts", session.cookie);
        assertThat(expired.statusCode()).isEqualTo(302);
        assertThat(expired.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(get("/alerts", session.cookie).statusCode()).as("the session is gone").isEqualTo(302);
    }

    @Test
    void queueRefreshesDoNotKeepAQuietSessionAlive() throws Exception {
        Session session = logIn(counsellor);
        for (int minute = 0; minute < 12; minute += 4) {
            clock.advance(Duration.ofMinutes(4));
            HttpResponse<String> refresh = send(HttpRequest.newBuilder(uri("/alerts/rows")).GET()
                    .header("Cookie", session.cookie).header("HX-Request", "true")
                    .header("X-Saathi-Refresh", "true"));
            assertThat(refresh.statusCode()).as("refresh after %d min: %s", minute + 4, refresh.headers().map())
                    .isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(4));

        HttpResponse<String> refresh = send(HttpRequest.newBuilder(uri("/alerts/rows")).GET()
                .header("Cookie", session.cookie).header("HX-Request", "true").header("X-Saathi-Refresh", "true"));

        // The page is asked to go to the login form itself rather than showing it inside the table.
        assertThat(refresh.statusCode()).isEqualTo(204);
        assertThat(refresh.headers().firstValue("HX-Redirect").orElseThrow()).endsWith("/login?expired");
    }

    @Test
    void loginAndFailedLoginThroughTheFormAreAudited() throws Exception {
        long before = audited(counsellor, "LOGIN");
        logIn(counsellor);
        assertThat(audited(counsellor, "LOGIN")).isEqualTo(before + 1);

        long failedBefore = audited(counsellor, "LOGIN_FAILED");
        HttpResponse<String> form = get("/login", null);
        HttpResponse<String> failed = post("/login", cookie(form), "username=" + counsellor
                + "&password=wrong-password&_csrf=" + csrf(form.body()));
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?failed");
        assertThat(audited(counsellor, "LOGIN_FAILED")).isEqualTo(failedBefore + 1);
        jdbc.sql("UPDATE account SET failed_logins = 0 WHERE staff_id = :id").param("id", counsellor).update();
    }

    @Test
    void peerMentorIsRefusedAdminPagesWithAPage() throws Exception {
        Session session = logIn(counsellor);

        HttpResponse<String> admin = get("/admin/audit", session.cookie);

        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.body()).contains("Not for your role");
    }

    @Test
    void counsellorCannotResolveAnotherCaseloadsAlertThroughTheForm() throws Exception {
        String other = fixtures.participant();
        Api.Reply reply = ingest.post("/api/v1/check-ins", checkIn(other));
        String foreign = reply.json().path("alerts").get(0).path("id").asString();
        Session session = logIn(counsellor);

        HttpResponse<String> refused = post("/alerts/" + foreign + "/resolve", session.cookie,
                "outcome=FALSE_ALARM&_csrf=" + session.csrf);

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain(other);
        assertThat(status(foreign)).isEqualTo("OPEN");
    }

    private record Session(String cookie, String csrf) {
    }

    private Session logIn(String staffId) throws Exception {
        HttpResponse<String> form = get("/login", null);
        HttpResponse<String> loggedIn = post("/login", cookie(form), "username=" + staffId + "&password="
                + URLEncoder.encode(Fixtures.STAFF_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf(form.body()));
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).as("login").endsWith("/alerts");
        String session = cookie(loggedIn);
        HttpResponse<String> queue = get("/alerts", session);
        return new Session(session, csrf(queue.body()));
    }

    private String highCraving() {
        Api.Reply reply = ingest.post("/api/v1/check-ins", checkIn(participant));
        assertThat(reply.status()).as("check-in: %s", reply).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private String checkIn(String participantId) {
        return """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6, "source": "%s"}"""
                .formatted(participantId, clock.instant().minus(1, ChronoUnit.MINUTES), Fixtures.uniqueId("s"));
    }

    private String status(String alertId) {
        return jdbc.sql("SELECT status FROM alert WHERE id = CAST(:id AS uuid)").param("id", alertId)
                .query(String.class).single();
    }

    private long audited(String actor, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = :actor AND action = :action AND channel = 'WEB'")
                .param("actor", actor).param("action", action).query(Long.class).single();
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** The session cookie as a Cookie header; sent by hand, as the JDK keeps Secure cookies off plain HTTP. */
    private static String cookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("SAATHI_SESSION="))
                .map(value -> value.substring(0, value.indexOf(';'))).findFirst().orElseThrow();
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("CSRF token on the page").isTrue();
        return token.group(1);
    }
}

package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Browser;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A counsellor's browser holds their Basic credentials for Saathi; a page of another origin on the
 * same machine (another port of 127.0.0.1) tries to acknowledge a CRITICAL alert with them, as a
 * request a browser sends without asking the service first. The alert must stay open, so that its
 * escalation goes on.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossOriginBrowserTests {

    private static final String PAGE = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head>
            <body><p>A page that is not Saathi.</p></body></html>""";

    /** Answers how the request went as far as a page may know: "opaque" once the service answered. */
    private static final String NO_CORS_POST = """
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], {method: 'POST', mode: 'no-cors', credentials: 'include'})
                .then(response => done(response.type), failure => done('failed: ' + failure));
            """;

    private static final String OWN_PAGE_POST = """
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})
                .then(response => done(response.status), failure => done('failed: ' + failure));
            """;

    @LocalServerPort
    int port;

    Fixtures fixtures;
    Api ingest;
    String counsellor;
    HttpServer elsewhere;
    Browser browser;

    @BeforeAll
    void setUp() throws IOException {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        counsellor = fixtures.staff("COUNSELLOR");
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        elsewhere.start();
        browser = Browser.desktop();
    }

    @AfterAll
    void tearDown() {
        browser.close();
        elsewhere.stop(0);
    }

    @Test
    void aPageOfAnotherOriginCannotAcknowledgeACriticalAlertWithTheBrowsersCredentials() {
        String attacked = selfHarm(participant());
        String control = selfHarm(participant());
        // The browser signs in once, as a counsellor opening the API in a tab would, and keeps the credentials.
        browser.visit("http://" + counsellor + ":" + Fixtures.STAFF_PASSWORD + "@127.0.0.1:" + port + "/api/v1/alerts");
        assertThat(browser.driver().getPageSource()).contains(attacked);

        browser.visit("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/");
        Object attempt = browser.driver().executeAsyncScript(NO_CORS_POST, saathi(attacked));

        assertThat(attempt).as("the request went out and was answered").isEqualTo("opaque");
        assertThat(status(attacked)).isEqualTo("OPEN");

        // Control: the browser does hold the credentials, and Saathi's own origin may use them.
        browser.visit("http://127.0.0.1:" + port + "/api/v1/alerts");
        Object own = browser.driver().executeAsyncScript(OWN_PAGE_POST, saathi(control));

        assertThat(own).isEqualTo(200L);
        assertThat(status(control)).isEqualTo("ACKNOWLEDGED");
    }

    private String saathi(String alert) {
        return "http://127.0.0.1:" + port + "/api/v1/alerts/" + alert + "/acknowledge";
    }

    private String participant() {
        return fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
    }

    private String selfHarm(String participant) {
        Api.Reply reply = ingest.post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "PHQ9", "recordedAt": "%s", "items": [0, 0, 0, 0, 0, 0, 0, 0, 2]}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));
        JsonNode alert = reply.json().path("alerts").get(0);
        assertThat(alert.path("severity").asString()).as(reply.toString()).isEqualTo("CRITICAL");
        return alert.path("id").asString();
    }

    private String status(String alert) {
        return fixtures.as(counsellor).get("/api/v1/alerts/" + alert).json().path("status").asString();
    }
}

package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.net.http.HttpRequest;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What a page elsewhere can make a staff member's browser do with the Basic credentials it holds:
 * nothing. Requests a browser sends across origins without asking (no type, text, form) are not
 * taken, and Basic credentials count only from the service's own origin.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossOriginTests {

    @LocalServerPort
    int port;

    Fixtures fixtures;
    Api ingest;
    String counsellor;
    String participant;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        counsellor = fixtures.staff("COUNSELLOR");
        participant = fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
    }

    @Test
    void refusesBasicRequestFromAForeignOrigin() {
        String alert = selfHarm();

        Api.Reply reply = fixtures.as(counsellor).post(acknowledge(alert), "{}",
                Map.of("Origin", "http://127.0.0.1:1"));

        JsonNode problem = assertProblem(reply, 403);
        assertThat(problem.path("type").asString()).isEqualTo("urn:saathi:problem:cross-origin-request");
        assertThat(status(alert)).isEqualTo("OPEN");
    }

    @Test
    void refusesBasicRequestThatTheBrowserMarksAsFromAnotherSiteOrPort() {
        String alert = selfHarm();

        for (String site : new String[] {"cross-site", "same-site"}) {
            Api.Reply reply = fixtures.as(counsellor).post(acknowledge(alert), "{}", Map.of("Sec-Fetch-Site", site));
            assertProblem(reply, 403);
        }
        Api.Reply opaque = fixtures.as(counsellor).post(acknowledge(alert), "{}", Map.of("Origin", "null"));

        assertProblem(opaque, 403);
        assertThat(status(alert)).isEqualTo("OPEN");
    }

    @Test
    void acceptsBasicRequestFromTheServiceOwnPages() {
        String alert = selfHarm();

        Api.Reply reply = fixtures.as(counsellor).post(acknowledge(alert), "{}",
                Map.of("Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(status(alert)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void refusesAcknowledgementWithoutAJsonType() {
        String alert = selfHarm();

        Api.Reply bare = fixtures.as(counsellor).send("POST", acknowledge(alert), null,
                HttpRequest.BodyPublishers.noBody(), Map.of());
        Api.Reply text = fixtures.as(counsellor).send("POST", acknowledge(alert), "text/plain",
                HttpRequest.BodyPublishers.ofString("{}"), Map.of());
        Api.Reply form = fixtures.as(counsellor).send("POST", acknowledge(alert),
                "application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString("note=x"), Map.of());

        for (Api.Reply reply : new Api.Reply[] {bare, text, form}) {
            JsonNode problem = assertProblem(reply, 415);
            assertThat(problem.path("detail").asString()).contains("Content-Type: application/json");
        }
        assertThat(status(alert)).isEqualTo("OPEN");
    }

    @Test
    void refusesRuleReloadWithoutAJsonType() {
        Api.Reply reply = fixtures.admin().send("POST", "/api/v1/rules/reload", null,
                HttpRequest.BodyPublishers.noBody(), Map.of());

        assertProblem(reply, 415);
        assertThat(fixtures.admin().post("/api/v1/rules/reload", "{}").status()).isEqualTo(200);
    }

    @Test
    void tellsACallerWithoutCredentialsToAuthenticateBeforeAnythingElse() {
        Api.Reply reply = fixtures.anonymous().send("POST", "/api/v1/rules/reload", "text/plain",
                HttpRequest.BodyPublishers.ofString("x"), Map.of("Origin", "http://127.0.0.1:1"));

        assertProblem(reply, 401);
    }

    @Test
    void keyRequestsAreNotJudgedByOriginButStillNeedJson() {
        Api.Reply fromAnywhere = ingest.post("/api/v1/check-ins", checkIn(), Map.of("Origin", "http://127.0.0.1:1"));
        Api.Reply asText = ingest.send("POST", "/api/v1/check-ins", "text/plain",
                HttpRequest.BodyPublishers.ofString(checkIn()), Map.of());

        assertThat(fromAnywhere.status()).as(fromAnywhere.toString()).isEqualTo(201);
        assertProblem(asText, 415);
    }

    @Test
    void aDeleteWithoutABodyNeedsNoType() {
        Api.Reply created = fixtures.admin().post("/api/v1/api-keys", """
                {"name": "to revoke", "scopes": ["ingest"]}""");
        String id = created.json().path("id").asString();

        Api.Reply revoked = fixtures.admin().delete("/api/v1/api-keys/" + id);
        Api.Reply withText = fixtures.admin().send("DELETE", "/api/v1/api-keys/" + id, "text/plain",
                HttpRequest.BodyPublishers.ofString("x"), Map.of());

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertProblem(withText, 415);
    }

    /** A CRITICAL alert of a participant of its own, so that no other test's alert is joined. */
    private String selfHarm() {
        String someone = fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
        Api.Reply reply = ingest.post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "PHQ9", "recordedAt": "%s", "items": [0, 0, 0, 0, 0, 0, 0, 0, 1]}"""
                .formatted(someone, Fixtures.ago(1, ChronoUnit.HOURS)));
        JsonNode alert = reply.json().path("alerts").get(0);
        assertThat(alert.path("severity").asString()).as(reply.toString()).isEqualTo("CRITICAL");
        return alert.path("id").asString();
    }

    private String checkIn() {
        return """
                {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 6}"""
                .formatted(participant, Fixtures.ago(3, ChronoUnit.HOURS));
    }

    private String status(String alert) {
        return fixtures.as(counsellor).get("/api/v1/alerts/" + alert).json().path("status").asString();
    }

    private static String acknowledge(String alert) {
        return "/api/v1/alerts/" + alert + "/acknowledge";
    }
}

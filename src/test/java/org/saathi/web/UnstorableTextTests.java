package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;

import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.Map;

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

/**
 * Text the database cannot store (a NUL character, half a surrogate pair) in any form field or
 * JSON field is a 400 that names the field and changes nothing, never a failed write.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnstorableTextTests {

    private static final String NUL = "before\u0000after";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Api ingest;
    String counsellor;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @Test
    void aNulInAnAcknowledgementNoteIsA400PageNamingTheNote() {
        String alertId = highCraving(fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true));
        PageClient page = PageClient.loggedIn(port, counsellor, Fixtures.STAFF_PASSWORD);
        page.get("/alerts/" + alertId);

        HttpResponse<String> answer = page.post("/alerts/" + alertId + "/acknowledge", Map.of("note", NUL));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Note: must not contain a NUL character");
        assertThat(jdbc.sql("SELECT status FROM alert WHERE id = CAST(:id AS uuid)").param("id", alertId)
                .query(String.class).single()).isEqualTo("OPEN");
    }

    @Test
    void aNulInAnAdminFormIsA400PageNamingTheField() {
        PageClient admin = PageClient.loggedIn(port, "admin", Fixtures.ADMIN_PASSWORD);
        admin.get("/admin/api-keys");

        HttpResponse<String> answer = admin.post("/admin/api-keys", Map.of("name", NUL, "scope", "ingest"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Name: must not contain a NUL character");
    }

    @Test
    void aNulInTheBacktestFormIsA400PageNamingTheField() {
        PageClient supervisor = PageClient.loggedIn(port, fixtures.staff("SUPERVISOR"), Fixtures.STAFF_PASSWORD);
        supervisor.get("/rules/backtest");

        HttpResponse<String> answer = supervisor.post("/rules/backtest", Map.of("participantIds", NUL));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Participants: must not contain a NUL character");
    }

    @Test
    void aNulInTheLoginFormIsA400PageNamingTheFieldAndOverTheApiAFailedLogin() {
        HttpResponse<String> staffId = PageClient.anonymous(port).logIn(NUL, "whatever");
        HttpResponse<String> password = PageClient.anonymous(port).logIn("admin", "quokka" + NUL + "zebra");

        assertThat(staffId.statusCode()).isEqualTo(400);
        assertThat(staffId.body()).contains("Staff id: must not contain a NUL character");
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(password.body()).contains("Password: must not contain a NUL character").doesNotContain("quokka").doesNotContain("zebra");
        assertThat(fixtures.anonymous().basic(NUL, "whatever").get("/api/v1/alerts").status()).as("over the API")
                .isEqualTo(401);
    }

    @Test
    void aNulOrALoneSurrogateInACheckInNoteIsAProblemNamingTheNote() {
        String participant = fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
        for (String note : new String[] {"\\u0000", "half \\ud800 a pair"}) {
            Api.Reply reply = ingest.post("/api/v1/check-ins", """
                    {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 6, "note": "%s"}"""
                    .formatted(participant, Fixtures.now(), note));

            assertInvalidField(reply, "note");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM check_in WHERE participant_id = :id").param("id", participant)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aNulInAQueryParameterOfTheApiIsAProblemNamingIt() {
        assertInvalidField(fixtures.admin().get("/api/v1/audit?actor=%00"), "actor");
    }

    private String highCraving(String participantId) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6, "source": "%s"}"""
                .formatted(participantId, Fixtures.ago(1, ChronoUnit.MINUTES), Fixtures.uniqueId("s")));
        assertThat(reply.status()).as("check-in: %s", reply).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }
}

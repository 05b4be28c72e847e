package org.saathi.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A participant's prescribed substances: saved and validated by the roster API, and carried to
 * evaluation, where a drug screen positive for them alone raises no alert.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrescribedSubstancesTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Api admin;
    Api ingest;
    String mentor;
    String counsellor;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        admin = fixtures.admin();
        ingest = fixtures.integration("ingest");
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @Test
    void savesPrescribedSubstancesInLowerCaseAndReplacesThemOnUpdate() {
        String id = Fixtures.uniqueId("P");

        Api.Reply created = admin.put("/api/v1/participants/" + id, body("[\"Methadone\", \"buprenorphine\"]"));
        List<String> stored = stored(id);
        Api.Reply updated = admin.put("/api/v1/participants/" + id, body(null));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(texts(created.json().path("prescribedSubstances"))).containsExactlyInAnyOrder("methadone",
                "buprenorphine");
        assertThat(stored).containsExactly("buprenorphine", "methadone");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(texts(admin.get("/api/v1/participants/" + id).json().path("prescribedSubstances"))).isEmpty();
        assertThat(stored(id)).isEmpty();
    }

    @Test
    void aPeerMentorDoesNotSeeTheMedicationTheCounsellorDoes() {
        String id = Fixtures.uniqueId("P");
        admin.put("/api/v1/participants/" + id, body("[\"methadone\"]"));

        Api.Reply byMentor = fixtures.as(mentor).get("/api/v1/participants/" + id);
        Api.Reply mentorsTimeline = fixtures.as(mentor).get("/api/v1/participants/" + id + "/timeline");
        Api.Reply byCounsellor = fixtures.as(counsellor).get("/api/v1/participants/" + id);

        assertThat(byMentor.status()).as(byMentor.toString()).isEqualTo(200);
        assertThat(byMentor.json().has("prescribedSubstances")).as(byMentor.toString()).isFalse();
        assertThat(byMentor.body()).doesNotContain("methadone");
        assertThat(mentorsTimeline.status()).as(mentorsTimeline.toString()).isEqualTo(200);
        assertThat(mentorsTimeline.body()).doesNotContain("methadone").doesNotContain("prescribedSubstances");
        assertThat(byCounsellor.status()).as(byCounsellor.toString()).isEqualTo(200);
        assertThat(texts(byCounsellor.json().path("prescribedSubstances"))).containsExactly("methadone");
    }

    @Test
    void rejectsAnUnknownSubstanceNamingItAndChangesNothing() {
        String id = Fixtures.uniqueId("P");
        admin.put("/api/v1/participants/" + id, body("[\"methadone\"]"));

        Api.Reply reply = admin.put("/api/v1/participants/" + id, body("[\"methadone\", \"unobtainium\"]"));

        assertInvalidField(reply, "prescribedSubstances[1]");
        assertThat(stored(id)).containsExactly("methadone");
    }

    @Test
    void rejectsOpiatesWhichNamesNoMedication() {
        String id = Fixtures.uniqueId("P");

        assertInvalidField(admin.put("/api/v1/participants/" + id, body("[\"opiates\"]")), "prescribedSubstances[0]");
        assertThat(jdbc.sql("SELECT count(*) FROM participant WHERE id = :id").param("id", id)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aScreenPositiveOnlyForThePrescriptionRaisesNothingAndOneWithCocaineDoes() {
        String id = Fixtures.uniqueId("P");
        admin.put("/api/v1/participants/" + id, body("[\"methadone\"]"));

        Api.Reply medication = ingest.post("/api/v1/screenings", screen(id, 3, "[\"methadone\", \"EDDP\"]", null));
        Api.Reply cocaine = ingest.post("/api/v1/screenings", screen(id, 2, "[\"methadone\", \"cocaine\"]", null));

        assertThat(medication.status()).as(medication.toString()).isEqualTo(201);
        assertThat(medication.json().path("alerts").size()).as(medication.toString()).isZero();
        JsonNode alerts = cocaine.json().path("alerts");
        assertThat(alerts.size()).as(cocaine.toString()).isOne();
        assertThat(alerts.get(0).path("ruleId").asString()).isEqualTo("SCR-003");
        assertThat(alerts.get(0).path("severity").asString()).isEqualTo("URGENT");
        assertThat(alerts.toString()).doesNotContain("cocaine").doesNotContain("methadone");
    }

    @Test
    void aPresumptivePositiveIsAWarningThatAsksForConfirmation() {
        String id = Fixtures.uniqueId("P");
        admin.put("/api/v1/participants/" + id, body(null));

        Api.Reply reply = ingest.post("/api/v1/screenings", screen(id, 2, "[\"cocaine\"]", false));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("scores").path("confirmed").asBoolean()).isFalse();
        JsonNode alert = fixtures.admin().get("/api/v1/alerts/" + reply.json().path("alerts").get(0).path("id")
                .asString()).json();
        assertThat(alert.path("severity").asString()).isEqualTo("WARNING");
        assertThat(alert.toString()).contains("confirm by laboratory test").doesNotContain("cocaine");
    }

    private String body(String prescribed) {
        return """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "expectsDailyCheckIn": false,
                 "consent": {"shareWithPeerMentor": true}%s}""".formatted(mentor, counsellor,
                prescribed == null ? "" : ", \"prescribedSubstances\": " + prescribed);
    }

    private static String screen(String participant, int hoursAgo, String substances, Boolean confirmed) {
        return """
                {"participantId": "%s", "recordedAt": "%s", "instrument": "DRUG_SCREEN", "positive": true,
                 "substances": %s%s}""".formatted(participant, Fixtures.ago(hoursAgo, ChronoUnit.HOURS), substances,
                confirmed == null ? "" : ", \"confirmed\": " + confirmed);
    }

    private List<String> stored(String id) {
        return jdbc.sql("SELECT array_to_string(prescribed_substances, ',') FROM participant WHERE id = :id")
                .param("id", id).query(String.class).optional()
                .map(joined -> joined.isEmpty() ? List.<String>of() : List.of(joined.split(","))).orElse(List.of());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}

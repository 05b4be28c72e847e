package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.Problems;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** An integration key serves one programme: it neither reads nor writes another's participants or groups. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeKeyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    String programmeA;
    String programmeB;
    String mentorA;
    String counsellorA;
    String counsellorB;
    Api rosterA;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        programmeA = fixtures.programme();
        programmeB = fixtures.programme();
        mentorA = fixtures.staffIn(programmeA, "PEER_MENTOR");
        counsellorA = fixtures.staffIn(programmeA, "COUNSELLOR");
        counsellorB = fixtures.staffIn(programmeB, "COUNSELLOR");
        rosterA = fixtures.anonymous().bearer(fixtures.keyFor(programmeA, "roster"));
    }

    @Test
    void rosterKeyCannotMoveAParticipantOutOfItsProgrammeNorAssignAnotherProgrammesStaff() {
        String id = Fixtures.uniqueId("P");
        Api.Reply created = rosterA.put("/api/v1/participants/" + id, participant(null, counsellorA));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("programmeId").asString()).as("the key's programme by default")
                .isEqualTo(programmeA);

        Api.Reply moved = rosterA.put("/api/v1/participants/" + id, participant(programmeB, counsellorA));
        Api.Reply handedOver = rosterA.put("/api/v1/participants/" + id, participant(null, counsellorB));

        assertThat(Problems.fields(assertProblem(moved, 422))).containsExactly("programmeId");
        assertThat(Problems.fields(assertProblem(handedOver, 422))).containsExactly("counsellorId");
        assertThat(jdbc.sql("SELECT programme_id || ' ' || counsellor_id FROM participant WHERE id = :id")
                .param("id", id).query(String.class).single()).isEqualTo(programmeA + " " + counsellorA);
    }

    @Test
    void evenADeploymentWideKeyLeavesMovesBetweenProgrammesToAnAdmin() {
        String id = fixtures.participantIn(programmeA, mentorA, counsellorA, true);

        Api.Reply moved = fixtures.integration("roster").put("/api/v1/participants/" + id, """
                {"displayName": "R.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s"}"""
                .formatted(programmeB, fixtures.staffIn(programmeB, "PEER_MENTOR"), counsellorB));
        Api.Reply byAdmin = fixtures.admin().put("/api/v1/participants/" + id, """
                {"displayName": "R.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s"}"""
                .formatted(programmeB, mentorA, counsellorB));

        assertThat(Problems.fields(assertProblem(moved, 422))).containsExactly("programmeId");
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
    }

    @Test
    void keyOfOneProgrammeDoesNotFindAnotherProgrammesParticipantsOrGroups() {
        String mentorB = fixtures.staffIn(programmeB, "PEER_MENTOR");
        String participantB = fixtures.participantIn(programmeB, mentorB, counsellorB, true);
        String groupB = Fixtures.uniqueId("G");
        assertThat(fixtures.admin().put("/api/v1/groups/" + groupB, """
                {"name": "B circle", "type": "SUPPORT", "audience": "MIXED", "programmeId": "%s"}"""
                .formatted(programmeB)).status()).isEqualTo(201);
        Api ingestA = fixtures.anonymous().bearer(fixtures.keyFor(programmeA, "ingest"));
        String checkIn = """
                {"participantId": "%s", "recordedAt": "%s", "craving": 3, "mood": 6}"""
                .formatted(participantB, Fixtures.now());

        Api.Reply posted = ingestA.post("/api/v1/check-ins", checkIn);
        Api.Reply batch = ingestA.post("/api/v1/check-ins/batch", "{\"items\": [" + checkIn + "]}");
        Api.Reply overwritten = rosterA.put("/api/v1/participants/" + participantB, """
                {"displayName": "R.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s"}"""
                .formatted(programmeA, mentorA, counsellorA));
        Api.Reply groupRead = rosterA.get("/api/v1/groups/" + groupB);
        Api.Reply groupTaken = rosterA.put("/api/v1/groups/" + groupB, """
                {"name": "Mine now", "type": "SUPPORT", "audience": "MIXED", "programmeId": "%s"}"""
                .formatted(programmeA));

        assertThat(assertProblem(posted, 404).path("detail").asString())
                .isEqualTo("There is no participant " + participantB + ".");
        assertThat(batch.json().path("results").path(0).path("problem").path("status").asInt()).isEqualTo(404);
        assertProblem(overwritten, 404);
        assertProblem(groupRead, 404);
        assertProblem(groupTaken, 404);
        assertThat(jdbc.sql("SELECT count(*) FROM check_in WHERE participant_id = :id").param("id", participantB)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT programme_id FROM participant WHERE id = :id").param("id", participantB)
                .query(String.class).single()).isEqualTo(programmeB);
        assertThat(jdbc.sql("SELECT name FROM therapy_group WHERE id = :id").param("id", groupB)
                .query(String.class).single()).isEqualTo("B circle");
    }

    @Test
    void keyNamesItsProgrammeTheAdminsOwnUnlessAnotherOrAllAreAskedFor() {
        Api admin = fixtures.admin();

        JsonNode own = admin.post("/api/v1/api-keys", "{\"name\": \"EHR\", \"scopes\": [\"roster\"]}").json();
        JsonNode named = admin.post("/api/v1/api-keys", """
                {"name": "EHR", "scopes": ["roster"], "programmeId": "%s"}""".formatted(programmeB)).json();
        JsonNode all = admin.post("/api/v1/api-keys",
                "{\"name\": \"EHR\", \"scopes\": [\"roster\"], \"allProgrammes\": true}").json();

        assertThat(own.path("programmeId").asString()).isEqualTo("default");
        assertThat(own.path("allProgrammes").asBoolean()).isFalse();
        assertThat(named.path("programmeId").asString()).isEqualTo(programmeB);
        assertThat(all.path("programmeId").isNull()).isTrue();
        assertThat(all.path("allProgrammes").asBoolean()).isTrue();
        assertThat(Problems.fields(assertProblem(admin.post("/api/v1/api-keys",
                "{\"name\": \"EHR\", \"scopes\": [\"roster\"], \"programmeId\": \"no-such-programme\"}"), 422)))
                .containsExactly("programmeId");
        assertInvalidField(admin.post("/api/v1/api-keys", """
                {"name": "EHR", "scopes": ["roster"], "programmeId": "%s", "allProgrammes": true}"""
                .formatted(programmeB)), "programmeId");
        JsonNode listed = admin.get("/api/v1/api-keys?size=200").json().path("items");
        assertThat(listed.findValuesAsString("programmeId")).contains(programmeB);
    }

    @Test
    void savingAParticipantIsAuditedWithEachChangedFieldsOldAndNewValueButNoName() {
        String id = fixtures.participantIn(programmeA, mentorA, counsellorA, true);
        String otherCounsellor = fixtures.staffIn(programmeA, "COUNSELLOR");

        Api.Reply saved = rosterA.put("/api/v1/participants/" + id, """
                {"displayName": "A new name", "peerMentorId": "%s", "counsellorId": "%s", "status": "DISCHARGED"}"""
                .formatted(mentorA, otherCounsellor));

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode detail = fixtures.admin().get("/api/v1/audit?participantId=" + id + "&action=PARTICIPANT_SAVED")
                .json().path("items").path(0).path("detail");
        assertThat(detail.path("counsellorId").path("old").asString()).isEqualTo(counsellorA);
        assertThat(detail.path("counsellorId").path("new").asString()).isEqualTo(otherCounsellor);
        assertThat(detail.path("status").path("new").asString()).isEqualTo("DISCHARGED");
        assertThat(detail.path("consent.shareWithPeerMentor").path("old").asBoolean()).isTrue();
        assertThat(detail.has("programmeId")).as("unchanged fields are left out").isFalse();
        assertThat(detail.toString()).doesNotContain("A new name").doesNotContain("displayName");
    }

    @Test
    void aKeyNamingAProgrammeNotItsOwnIsAnsweredAlikeWhetherThatProgrammeExistsOrNot() {
        String group = "{\"name\": \"Elsewhere\", \"type\": \"SUPPORT\", \"audience\": \"MIXED\", \"programmeId\": \"%s\"}";

        Api.Reply existing = rosterA.put("/api/v1/groups/" + Fixtures.uniqueId("G"), group.formatted(programmeB));
        Api.Reply missing = rosterA.put("/api/v1/groups/" + Fixtures.uniqueId("G"),
                group.formatted(Fixtures.uniqueId("prog")));

        JsonNode other = assertProblem(existing, 422);
        JsonNode unknown = assertProblem(missing, 422);
        assertThat(unknown.path("type").asString()).isEqualTo(other.path("type").asString());
        assertThat(unknown.path("errors").toString()).isEqualTo(other.path("errors").toString());
        assertThat(unknown.path("detail").asString()).isEqualTo(other.path("detail").asString());
    }

    private String participant(String programmeId, String counsellorId) {
        return """
                {"displayName": "R.", %s"peerMentorId": "%s", "counsellorId": "%s"}"""
                .formatted(programmeId == null ? "" : "\"programmeId\": \"" + programmeId + "\", ", mentorA,
                        counsellorId);
    }
}

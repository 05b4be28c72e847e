package org.saathi.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.Problems;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RosterTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    Fixtures fixtures;
    Api admin;
    String mentor;
    String counsellor;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        admin = fixtures.admin();
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    // --- staff

    @Test
    void createsStaffThenUpdatesThem() {
        String id = Fixtures.uniqueId("staff");

        Api.Reply created = admin.put("/api/v1/staff/" + id, """
                {"name": "Asha Rao", "email": "asha@example.org", "phone": "+91 98765 43210",
                 "roles": ["COUNSELLOR"], "password": "a-long-password-1"}""");
        Api.Reply updated = admin.put("/api/v1/staff/" + id, """
                {"name": "Asha R. Rao", "roles": ["COUNSELLOR", "SUPERVISOR"]}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/staff/" + id);
        assertThat(created.json().path("name").asString()).isEqualTo("Asha Rao");
        assertThat(created.json().path("canLogIn").asBoolean()).isTrue();
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("Asha R. Rao");
        assertThat(texts(updated.json().path("roles"))).containsExactlyInAnyOrder("COUNSELLOR", "SUPERVISOR");
        Map<String, Object> row = jdbc.sql("SELECT name, email, programme_id FROM staff WHERE id = :id")
                .param("id", id).query().singleRow();
        assertThat(row).containsEntry("name", "Asha R. Rao").containsEntry("programme_id", "default");
        assertThat(row.get("email")).as("a PUT replaces the whole staff member").isNull();
        assertThat(staffRoles(id)).containsExactlyInAnyOrder("COUNSELLOR", "SUPERVISOR");
    }

    @Test
    void staffAnswersNeverCarryThePasswordOrItsHash() {
        String id = Fixtures.uniqueId("staff");
        String body = """
                {"name": "Ravi", "roles": ["PEER_MENTOR"], "password": "ravi-secret-password"}""";

        Api.Reply created = admin.put("/api/v1/staff/" + id, body);
        Api.Reply updated = admin.put("/api/v1/staff/" + id, body);
        Api.Reply read = admin.get("/api/v1/staff/" + id);

        for (Api.Reply reply : List.of(created, updated, read)) {
            assertThat(reply.body()).as(reply.toString()).doesNotContainIgnoringCase("password")
                    .doesNotContain("ravi-secret-password").doesNotContain("bcrypt").doesNotContain("$2a$");
        }
        assertThat(read.json().path("canLogIn").asBoolean()).isTrue();
    }

    @Test
    void staffWithAPasswordCanLogIn() {
        String id = fixtures.staff("COUNSELLOR");

        Api.Reply reply = fixtures.as(id).get("/api/v1/participants/" + Fixtures.uniqueId("nobody"));

        assertProblem(reply, 404);
    }

    @Test
    void updatingStaffWithoutAPasswordKeepsTheirLogin() {
        String id = fixtures.staff("COUNSELLOR");

        Api.Reply updated = admin.put("/api/v1/staff/" + id, """
                {"name": "Renamed", "roles": ["COUNSELLOR"]}""");
        Api.Reply login = fixtures.as(id).get("/api/v1/participants/" + Fixtures.uniqueId("nobody"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("canLogIn").asBoolean()).isTrue();
        assertProblem(login, 404);
    }

    @Test
    void staffWithoutAPasswordCannotLogIn() {
        String id = Fixtures.uniqueId("staff");
        admin.put("/api/v1/staff/" + id, """
                {"name": "No login", "roles": ["COUNSELLOR"]}""");

        Api.Reply login = fixtures.as(id).get("/api/v1/participants/" + Fixtures.uniqueId("nobody"));

        assertThat(admin.get("/api/v1/staff/" + id).json().path("canLogIn").asBoolean()).isFalse();
        assertProblem(login, 401);
    }

    static Stream<Arguments> badStaff() {
        return Stream.of(
                Arguments.of("no name", "name", "{\"roles\": [\"COUNSELLOR\"]}"),
                Arguments.of("no roles", "roles", "{\"name\": \"N\", \"roles\": []}"),
                Arguments.of("an unknown role", "roles[0]", "{\"name\": \"N\", \"roles\": [\"DOCTOR\"]}"),
                Arguments.of("a short password", "password",
                        "{\"name\": \"N\", \"roles\": [\"COUNSELLOR\"], \"password\": \"short\"}"),
                Arguments.of("an e-mail that is no address", "email",
                        "{\"name\": \"N\", \"roles\": [\"COUNSELLOR\"], \"email\": \"not an address\"}"),
                Arguments.of("a phone that is no number", "phone",
                        "{\"name\": \"N\", \"roles\": [\"COUNSELLOR\"], \"phone\": \"call me\"}"),
                Arguments.of("an unknown field", "salary",
                        "{\"name\": \"N\", \"roles\": [\"COUNSELLOR\"], \"salary\": 1}"));
    }

    @ParameterizedTest(name = "rejects staff with {0}")
    @MethodSource("badStaff")
    void rejectsBadStaff(String what, String field, String body) {
        String id = Fixtures.uniqueId("staff");

        Api.Reply reply = admin.put("/api/v1/staff/" + id, body);

        assertInvalidField(reply, field);
        assertThat(staffRows(id)).isZero();
    }

    @Test
    void rejectsStaffIdOutsideThePattern() {
        Api.Reply reply = admin.put("/api/v1/staff/bad%20id", "{\"name\": \"N\", \"roles\": [\"COUNSELLOR\"]}");

        assertInvalidField(reply, "id");
        assertThat(staffRows("bad id")).isZero();
    }

    @Test
    void rejectsStaffInUnknownProgramme() {
        String id = Fixtures.uniqueId("staff");

        Api.Reply reply = admin.put("/api/v1/staff/" + id, """
                {"name": "N", "roles": ["COUNSELLOR"], "programmeId": "no-such-programme"}""");

        assertThat(Problems.fields(assertProblem(reply, 422))).containsExactly("programmeId");
        assertThat(staffRows(id)).isZero();
    }

    // bcrypt takes at most 72 bytes: a password of 72 characters or fewer can still be longer than that.
    @Test
    void rejectsPasswordTooLongForBcryptAsBadInput() {
        String id = Fixtures.uniqueId("staff");

        Api.Reply reply = admin.put("/api/v1/staff/" + id, """
                {"name": "N", "roles": ["COUNSELLOR"], "password": "%s"}""".formatted("पासवर्ड".repeat(5)));

        assertInvalidField(reply, "password");
        assertThat(staffRows(id)).isZero();
    }

    @Test
    void removingARoleStillAssignedIsRefusedAndChangesNothing() {
        String assignedMentor = fixtures.staff("PEER_MENTOR", "COUNSELLOR");
        participant(assignedMentor, counsellor);

        Api.Reply reply = admin.put("/api/v1/staff/" + assignedMentor, """
                {"name": "Now only a counsellor", "roles": ["COUNSELLOR"]}""");

        JsonNode problem = assertProblem(reply, 422);
        assertThat(Problems.fields(problem)).containsExactly("roles");
        assertThat(staffRoles(assignedMentor)).containsExactlyInAnyOrder("PEER_MENTOR", "COUNSELLOR");
        assertThat(jdbc.sql("SELECT name FROM staff WHERE id = :id").param("id", assignedMentor)
                .query(String.class).single()).isEqualTo("Staff " + assignedMentor);
    }

    // A role removal racing an assignment of that role must not leave a participant whose peer mentor
    // is no longer a peer mentor: one of the two requests has to lose.
    @Test
    void roleRemovalRacingAnAssignmentNeverLeavesAParticipantWithAMismatchedMentor() throws Exception {
        String programme = programme();
        String racing = fixtures.staff("PEER_MENTOR", "COUNSELLOR");
        String id = Fixtures.uniqueId("P");
        Api.Reply assigned;
        Api.Reply demoted;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            // Holds the assignment at its programme foreign-key check, after it has checked the mentor's roles.
            try (PreparedStatement lock = blocker.prepareStatement("SELECT 1 FROM programme WHERE id = ? FOR UPDATE")) {
                lock.setString(1, programme);
                lock.executeQuery().close();
            }
            CompletableFuture<Api.Reply> assignment = CompletableFuture.supplyAsync(() -> admin.put(
                    "/api/v1/participants/" + id, """
                            {"displayName": "R.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s"}"""
                            .formatted(programme, racing, counsellor)));
            awaitRequestsWaitingForLocks(1);
            CompletableFuture<Api.Reply> demotion = CompletableFuture.supplyAsync(() -> admin.put(
                    "/api/v1/staff/" + racing, """
                            {"name": "Counsellor only", "roles": ["COUNSELLOR"]}"""));
            awaitRequestsWaitingForLocks(2);
            blocker.rollback();
            assigned = assignment.get(30, TimeUnit.SECONDS);
            demoted = demotion.get(30, TimeUnit.SECONDS);
        }

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        assertThat(demoted.status()).as("the role is in use by the time it is removed: %s", demoted).isEqualTo(422);
        assertThat(staffRoles(racing)).contains("PEER_MENTOR");
    }

    @Test
    void removingARoleNobodyIsAssignedInIsAllowed() {
        String id = fixtures.staff("PEER_MENTOR", "COUNSELLOR");
        participant(mentor, id);

        Api.Reply reply = admin.put("/api/v1/staff/" + id, """
                {"name": "Counsellor only", "roles": ["COUNSELLOR"]}""");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(staffRoles(id)).containsExactly("COUNSELLOR");
    }

    // --- groups

    @Test
    void createsGroupThenUpdatesIt() {
        String id = Fixtures.uniqueId("G");

        Api.Reply created = admin.put("/api/v1/groups/" + id, """
                {"name": "Evening CBT", "type": "CBT", "audience": "WOMEN"}""");
        Api.Reply updated = admin.put("/api/v1/groups/" + id, """
                {"name": "Evening skills", "type": "SKILLS", "audience": "MIXED"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("type").asString()).isEqualTo("CBT");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT * FROM therapy_group WHERE id = :id").param("id", id).query().singleRow())
                .containsEntry("name", "Evening skills").containsEntry("type", "SKILLS")
                .containsEntry("audience", "MIXED").containsEntry("programme_id", "default");
    }

    @Test
    void rosterKeyMayMaintainGroups() {
        String id = Fixtures.uniqueId("G");

        Api.Reply reply = fixtures.integration("roster").put("/api/v1/groups/" + id, """
                {"name": "Peer circle", "type": "PEER_MEETING", "audience": "YOUTH"}""");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(groupRows(id)).isOne();
    }

    @Test
    void rejectsGroupWithUnknownType() {
        String id = Fixtures.uniqueId("G");

        Api.Reply reply = admin.put("/api/v1/groups/" + id, """
                {"name": "Yoga", "type": "YOGA", "audience": "MIXED"}""");

        JsonNode problem = assertInvalidField(reply, "type");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("CBT");
        assertThat(groupRows(id)).isZero();
    }

    @Test
    void rejectsGroupWithoutAudience() {
        String id = Fixtures.uniqueId("G");

        assertInvalidField(admin.put("/api/v1/groups/" + id, "{\"name\": \"G\", \"type\": \"CBT\"}"), "audience");
        assertThat(groupRows(id)).isZero();
    }

    // --- participants

    @Test
    void createsParticipantThenUpdatesThem() {
        String id = Fixtures.uniqueId("P");
        String group = group();
        String supervisor = fixtures.staff("SUPERVISOR");

        Api.Reply created = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s",
                 "consent": {"shareWithPeerMentor": true}}""".formatted(mentor, counsellor));
        Api.Reply updated = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R. K.", "peerMentorId": "%s", "counsellorId": "%s", "supervisorId": "%s",
                 "groupIds": ["%s"], "timezone": "Europe/London", "status": "DISCHARGED",
                 "consent": {"shareWithPeerMentor": false}}""".formatted(mentor, counsellor, supervisor, group));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/participants/" + id);
        assertThat(created.json().path("timezone").asString()).isEqualTo("Asia/Kolkata");
        assertThat(created.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode read = admin.get("/api/v1/participants/" + id).json();
        assertThat(read.path("displayName").asString()).isEqualTo("R. K.");
        assertThat(read.path("programmeId").asString()).isEqualTo("default");
        assertThat(read.path("peerMentorId").asString()).isEqualTo(mentor);
        assertThat(read.path("counsellorId").asString()).isEqualTo(counsellor);
        assertThat(read.path("supervisorId").asString()).isEqualTo(supervisor);
        assertThat(texts(read.path("groupIds"))).containsExactly(group);
        assertThat(read.path("timezone").asString()).isEqualTo("Europe/London");
        assertThat(read.path("status").asString()).isEqualTo("DISCHARGED");
        assertThat(read.path("consent").path("shareWithPeerMentor").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT * FROM participant WHERE id = :id").param("id", id).query().singleRow())
                .containsEntry("status", "DISCHARGED").containsEntry("supervisor_id", supervisor)
                .containsEntry("share_with_peer_mentor", false);
    }

    @Test
    void updatingGroupsReplacesThem() {
        String id = participant(mentor, counsellor);
        String first = group();
        String second = group();
        admin.put("/api/v1/participants/" + id, withGroups(first));

        Api.Reply reply = admin.put("/api/v1/participants/" + id, withGroups(second));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(texts(reply.json().path("groupIds"))).containsExactly(second);
        assertThat(jdbc.sql("SELECT group_id FROM participant_group WHERE participant_id = :id").param("id", id)
                .query(String.class).list()).containsExactly(second);
    }

    @Test
    void consentDefaultsToNotSharingWithThePeerMentor() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s"}""".formatted(mentor, counsellor));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("consent").path("shareWithPeerMentor").isBoolean()).isTrue();
        assertThat(reply.json().path("consent").path("shareWithPeerMentor").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT share_with_peer_mentor FROM participant WHERE id = :id").param("id", id)
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void rejectsConsentWithoutAnAnswer() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "consent": {}}"""
                .formatted(mentor, counsellor));

        assertInvalidField(reply, "consent.shareWithPeerMentor");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsPeerMentorWhoIsNotAPeerMentor() {
        String id = Fixtures.uniqueId("P");
        String otherCounsellor = fixtures.staff("COUNSELLOR");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, assignment(otherCounsellor, counsellor, null));

        JsonNode problem = assertProblem(reply, 422);
        assertThat(Problems.fields(problem)).containsExactly("peerMentorId");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsCounsellorWhoIsNotACounsellor() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, assignment(mentor, mentor, null));

        assertThat(Problems.fields(assertProblem(reply, 422))).containsExactly("counsellorId");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsUnknownStaffMember() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id,
                assignment(mentor, Fixtures.uniqueId("nobody"), null));

        assertThat(Problems.fields(assertProblem(reply, 422))).containsExactly("counsellorId");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsSupervisorWhoIsNotASupervisor() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, assignment(mentor, counsellor, counsellor));

        assertThat(Problems.fields(assertProblem(reply, 422))).containsExactly("supervisorId");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void namesEveryMismatchedAssignmentAtOnce() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id,
                assignment(counsellor, mentor, Fixtures.uniqueId("nobody")));

        assertThat(Problems.fields(assertProblem(reply, 422)))
                .containsExactlyInAnyOrder("peerMentorId", "counsellorId", "supervisorId");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsUnknownGroup() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "groupIds": ["%s", "%s"]}"""
                .formatted(mentor, counsellor, group(), Fixtures.uniqueId("no-group")));

        assertThat(Problems.fields(assertProblem(reply, 422))).containsExactly("groupIds");
        assertThat(participantRows(id)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM participant_group WHERE participant_id = :id").param("id", id)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void rejectsUnknownProgramme() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "programmeId": "no-such-programme"}"""
                .formatted(mentor, counsellor));

        assertThat(Problems.fields(assertProblem(reply, 422))).containsExactly("programmeId");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsParticipantIdOutsideThePattern() {
        String body = assignment(mentor, counsellor, null);
        String tooLong = "P".repeat(65);

        assertInvalidField(admin.put("/api/v1/participants/bad%20id", body), "id");
        assertInvalidField(admin.put("/api/v1/participants/" + tooLong, body), "id");
        assertInvalidField(admin.put("/api/v1/participants/bad%2Bid", body), "id");
        assertThat(participantRows("bad id")).isZero();
        assertThat(participantRows(tooLong)).isZero();
    }

    // Ids that Tomcat or the security firewall refuse before the API sees them are problems too.
    @ParameterizedTest(name = "rejects {0} as a problem")
    @ValueSource(strings = {"bad%2Fid", "bad%5Cid", "bad%00id", "bad;id", "bad%25id", "bad%3Bid"})
    void rejectsIdRefusedBeforeTheApiAsAProblem(String id) {
        Api.Reply reply = admin.put("/api/v1/participants/" + id, assignment(mentor, counsellor, null));

        assertProblem(reply, 400);
    }

    @Test
    void acceptsParticipantIdOfExactlySixtyFourCharacters() {
        String id = ("P-" + Fixtures.uniqueId("x") + "_.").concat("9".repeat(64)).substring(0, 64);

        Api.Reply reply = admin.put("/api/v1/participants/" + id, assignment(mentor, counsellor, null));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(participantRows(id)).isOne();
    }

    @Test
    void rejectsParticipantWithoutDisplayName() {
        String id = Fixtures.uniqueId("P");

        Api.Reply missing = admin.put("/api/v1/participants/" + id, """
                {"peerMentorId": "%s", "counsellorId": "%s"}""".formatted(mentor, counsellor));
        Api.Reply blank = admin.put("/api/v1/participants/" + id, """
                {"displayName": "  ", "peerMentorId": "%s", "counsellorId": "%s"}""".formatted(mentor, counsellor));

        assertInvalidField(missing, "displayName");
        assertInvalidField(blank, "displayName");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsParticipantWithUnknownTimezone() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "timezone": "Mars/Olympus"}"""
                .formatted(mentor, counsellor));

        assertInvalidField(reply, "timezone");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsParticipantWithUnknownStatus() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "status": "PAUSED"}"""
                .formatted(mentor, counsellor));

        assertInvalidField(reply, "status");
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void rejectsParticipantWithoutPeerMentor() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "counsellorId": "%s"}""".formatted(counsellor));

        assertInvalidField(reply, "peerMentorId");
        assertThat(participantRows(id)).isZero();
    }

    // --- caseloads

    @Test
    void adminSeesAnyParticipant() {
        String id = participant(mentor, counsellor);

        Api.Reply reply = admin.get("/api/v1/participants/" + id);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("id").asString()).isEqualTo(id);
    }

    @Test
    void assignedCounsellorSeesTheirParticipant() {
        String id = participant(mentor, counsellor);

        Api.Reply reply = fixtures.as(counsellor).get("/api/v1/participants/" + id);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("counsellorId").asString()).isEqualTo(counsellor);
    }

    @Test
    void anotherCounsellorIsToldTheParticipantDoesNotExist() {
        String id = participant(mentor, counsellor);
        String other = fixtures.staff("COUNSELLOR");

        Api.Reply reply = fixtures.as(other).get("/api/v1/participants/" + id);
        Api.Reply nobody = fixtures.as(other).get("/api/v1/participants/" + Fixtures.uniqueId("nobody"));

        assertProblem(reply, 404);
        assertThat(reply.body()).doesNotContain(counsellor).doesNotContain(mentor);
        assertThat(reply.json().path("type").asString()).isEqualTo(nobody.json().path("type").asString());
        assertThat(reply.json().path("title").asString()).isEqualTo(nobody.json().path("title").asString());
    }

    @Test
    void peerMentorSeesTheirParticipantOnlyWithConsent() {
        String consenting = fixtures.participant(mentor, counsellor, true);
        String notConsenting = fixtures.participant(mentor, counsellor, false);

        Api.Reply seen = fixtures.as(mentor).get("/api/v1/participants/" + consenting);
        Api.Reply hidden = fixtures.as(mentor).get("/api/v1/participants/" + notConsenting);

        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(seen.json().path("peerMentorId").asString()).isEqualTo(mentor);
        assertProblem(hidden, 404);
    }

    @Test
    void anotherPeerMentorDoesNotSeeTheParticipant() {
        String id = fixtures.participant(mentor, counsellor, true);

        Api.Reply reply = fixtures.as(fixtures.staff("PEER_MENTOR")).get("/api/v1/participants/" + id);

        assertProblem(reply, 404);
    }

    @Test
    void supervisorOfTheProgrammeSeesItsParticipants() {
        String id = participant(mentor, counsellor);
        String supervisor = fixtures.staff("SUPERVISOR");

        Api.Reply reply = fixtures.as(supervisor).get("/api/v1/participants/" + id);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("id").asString()).isEqualTo(id);
    }

    @Test
    void supervisorOfAnotherProgrammeDoesNotSeeTheParticipant() {
        String programme = programme();
        String supervisor = Fixtures.uniqueId("staff");
        admin.put("/api/v1/staff/" + supervisor, """
                {"name": "Elsewhere", "roles": ["SUPERVISOR"], "programmeId": "%s", "password": "%s"}"""
                .formatted(programme, Fixtures.STAFF_PASSWORD));
        String id = participant(mentor, counsellor);

        Api.Reply reply = fixtures.as(supervisor).get("/api/v1/participants/" + id);

        assertProblem(reply, 404);
    }

    // --- programmes

    @Test
    void createsProgrammeThenUpdatesItAndTakesParticipantsInIt() {
        String programme = Fixtures.uniqueId("prog");

        Api.Reply created = admin.put("/api/v1/programmes/" + programme, """
                {"name": "Youth programme", "timezone": "Asia/Dhaka"}""");
        Api.Reply updated = admin.put("/api/v1/programmes/" + programme, """
                {"name": "Youth programme (Dhaka)", "timezone": "Asia/Dhaka", "showDisplayNames": true}""");
        String id = Fixtures.uniqueId("P");
        Api.Reply participant = admin.put("/api/v1/participants/" + id, """
                {"displayName": "Y.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s"}"""
                .formatted(programme, mentor, counsellor));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("timezone").asString()).isEqualTo("Asia/Dhaka");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("showDisplayNames").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT name FROM programme WHERE id = :id").param("id", programme)
                .query(String.class).single()).isEqualTo("Youth programme (Dhaka)");
        assertThat(participant.status()).as(participant.toString()).isEqualTo(201);
        assertThat(participant.json().path("programmeId").asString()).isEqualTo(programme);
        assertThat(participant.json().path("timezone").asString()).as("the programme's zone by default")
                .isEqualTo("Asia/Dhaka");
    }

    @Test
    void rejectsProgrammeWithUnknownTimezone() {
        String programme = Fixtures.uniqueId("prog");

        Api.Reply reply = admin.put("/api/v1/programmes/" + programme, """
                {"name": "Nowhere", "timezone": "Atlantis/Capital"}""");

        assertInvalidField(reply, "timezone");
        assertThat(jdbc.sql("SELECT count(*) FROM programme WHERE id = :id").param("id", programme)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void onlyAdminsChangeProgrammes() {
        String programme = Fixtures.uniqueId("prog");
        String supervisor = fixtures.staff("SUPERVISOR");

        Api.Reply bySupervisor = fixtures.as(supervisor).put("/api/v1/programmes/" + programme, "{\"name\": \"P\"}");
        Api.Reply byRosterKey = fixtures.integration("roster").put("/api/v1/programmes/" + programme,
                "{\"name\": \"P\"}");

        assertProblem(bySupervisor, 403);
        assertProblem(byRosterKey, 403);
        assertThat(jdbc.sql("SELECT count(*) FROM programme WHERE id = :id").param("id", programme)
                .query(Integer.class).single()).isZero();
    }

    private void awaitRequestsWaitingForLocks(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND datname = current_database()""")
                .query(Integer.class).single() < count) {
            assertThat(System.nanoTime()).as("%d requests waiting for a lock", count).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String participant(String peerMentorId, String counsellorId) {
        return fixtures.participant(peerMentorId, counsellorId, true);
    }

    private String group() {
        String id = Fixtures.uniqueId("G");
        Api.Reply reply = admin.put("/api/v1/groups/" + id, """
                {"name": "Group %s", "type": "SUPPORT", "audience": "MIXED"}""".formatted(id));
        assertThat(reply.status()).as("create group: %s", reply).isEqualTo(201);
        return id;
    }

    private String programme() {
        String id = Fixtures.uniqueId("prog");
        Api.Reply reply = admin.put("/api/v1/programmes/" + id, "{\"name\": \"Programme " + id + "\"}");
        assertThat(reply.status()).as("create programme: %s", reply).isEqualTo(201);
        return id;
    }

    private String withGroups(String groupId) {
        return """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "groupIds": ["%s"],
                 "consent": {"shareWithPeerMentor": true}}""".formatted(mentor, counsellor, groupId);
    }

    private static String assignment(String peerMentorId, String counsellorId, String supervisorId) {
        return """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s"%s}"""
                .formatted(peerMentorId, counsellorId,
                        supervisorId == null ? "" : ", \"supervisorId\": \"" + supervisorId + "\"");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }

    private List<String> staffRoles(String id) {
        return jdbc.sql("SELECT unnest(roles) FROM staff WHERE id = :id").param("id", id).query(String.class).list();
    }

    private int staffRows(String id) {
        return jdbc.sql("SELECT count(*) FROM staff WHERE id = :id").param("id", id).query(Integer.class).single();
    }

    private int participantRows(String id) {
        return jdbc.sql("SELECT count(*) FROM participant WHERE id = :id").param("id", id).query(Integer.class)
                .single();
    }

    private int groupRows(String id) {
        return jdbc.sql("SELECT count(*) FROM therapy_group WHERE id = :id").param("id", id).query(Integer.class)
                .single();
    }
}

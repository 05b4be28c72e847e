package org.saathi.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.PageClient;
import org.saathi.testing.Problems;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A staff member who leaves is switched off: no login, no alerts, and the gap they leave is shown. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffDeactivationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Api admin;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        admin = fixtures.admin();
    }

    @Test
    void deactivatedStaffCannotLogInAnyWayAndTheirOpenSessionsEnd() {
        String member = fixtures.staff("COUNSELLOR");
        PageClient page = PageClient.loggedIn(port, member, Fixtures.STAFF_PASSWORD);
        Api.Reply wrongPassword = fixtures.anonymous().basic(member, "not-the-password-1").get("/api/v1/alerts");

        Api.Reply deactivated = setActive(member, "COUNSELLOR", false);

        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().path("active").asBoolean()).isFalse();
        assertThat(deactivated.json().path("canLogIn").asBoolean()).isFalse();
        HttpResponse<String> after = page.get("/alerts");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login?changed");
        Api.Reply basic = fixtures.as(member).get("/api/v1/alerts");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.body()).as("the same answer as a wrong password").isEqualTo(wrongPassword.body());
        HttpResponse<String> form = PageClient.anonymous(port).logIn(member, Fixtures.STAFF_PASSWORD);
        HttpResponse<String> wrongForm = PageClient.anonymous(port).logIn(member, "not-the-password-1");
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location")).as("the same answer as a wrong password")
                .isEqualTo(wrongForm.headers().firstValue("Location"));

        assertThat(setActive(member, "COUNSELLOR", true).json().path("active").asBoolean()).isTrue();
        assertThat(fixtures.as(member).get("/api/v1/alerts").status()).as("reactivated").isEqualTo(200);
    }

    @Test
    void answerListsTheKeysTheyMadeAndTheParticipantsLeftWithoutThemAndTheChangeIsAudited() {
        String leaving = fixtures.staff("ADMIN", "COUNSELLOR");
        String key = fixtures.as(leaving).post("/api/v1/api-keys",
                "{\"name\": \"their register\", \"scopes\": [\"ingest\"]}").json().path("id").asString();
        String participant = fixtures.participant(fixtures.staff("PEER_MENTOR"), leaving, true);

        JsonNode handover = setActive(leaving, "ADMIN\", \"COUNSELLOR", false).json().path("handover");

        assertThat(handover.path("apiKeys").path(0).path("id").asString()).isEqualTo(key);
        assertThat(handover.path("participants").path(0).path("participantId").asString()).isEqualTo(participant);
        assertThat(handover.path("participants").path(0).path("roles").path(0).asString()).isEqualTo("COUNSELLOR");
        JsonNode audited = admin.get("/api/v1/audit?action=STAFF_DEACTIVATED&size=200").json().path("items");
        List<String> targets = new ArrayList<>();
        audited.forEach(event -> targets.add(event.path("target").asString()));
        assertThat(targets).contains(leaving);
        PageClient page = PageClient.loggedIn(port, "admin", Fixtures.ADMIN_PASSWORD);
        String staffPage = page.get("/admin/staff").body();
        assertThat(staffPage).contains("Left by " + leaving).contains(participant + "</a>:")
                .contains("no active counsellor").contains("their register");
    }

    @Test
    void newAssignmentToADeactivatedStaffMemberIsRefusedButAnExistingOneStays() {
        String mentor = fixtures.staff("PEER_MENTOR");
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        setActive(counsellor, "COUNSELLOR", false);

        Api.Reply assigned = admin.put("/api/v1/participants/" + Fixtures.uniqueId("P"), """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s"}""".formatted(mentor, counsellor));
        Api.Reply kept = admin.put("/api/v1/participants/" + participant, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "consent": {"shareWithPeerMentor": false}}"""
                .formatted(mentor, counsellor));

        JsonNode problem = assertProblem(assigned, 422);
        assertThat(Problems.fields(problem)).containsExactly("counsellorId");
        assertThat(problem.path("errors").path(0).path("message").asString()).contains("deactivated");
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
    }

    @Test
    void alertsOfADeactivatedPeerMentorGoToTheCounsellorAndSaySo() {
        String mentor = fixtures.staff("PEER_MENTOR");
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        setActive(mentor, "PEER_MENTOR", false);

        JsonNode recipients = recipientsOfHighCraving(participant, fixtures.as(counsellor));

        assertThat(recipients).hasSize(1);
        assertThat(recipients.path(0).path("staffId").asString()).isEqualTo(counsellor);
        assertThat(recipients.path(0).path("reason").asString()).contains("peer mentor").contains("deactivated");
    }

    @Test
    void withPeerMentorAndCounsellorDeactivatedTheProgrammesSupervisorIsTold() {
        String programme = fixtures.programme();
        String supervisor = fixtures.staffIn(programme, "SUPERVISOR");
        String mentor = fixtures.staffIn(programme, "PEER_MENTOR");
        String counsellor = fixtures.staffIn(programme, "COUNSELLOR");
        String participant = fixtures.participantIn(programme, mentor, counsellor, true);
        setActive(mentor, "PEER_MENTOR", false);
        setActive(counsellor, "COUNSELLOR", false);

        JsonNode recipients = recipientsOfHighCraving(participant, fixtures.as(supervisor));

        assertThat(recipients).hasSize(1);
        assertThat(recipients.path(0).path("staffId").asString()).isEqualTo(supervisor);
        assertThat(recipients.path(0).path("reason").asString()).contains("counsellor").contains("deactivated");
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE staff_id IN (:ids)")
                .param("ids", List.of(mentor, counsellor)).query(Integer.class).single()).isZero();
    }

    @Test
    void theLastActiveAdminCannotBeDeactivated() {
        List<String> others = jdbc.sql("""
                        SELECT id FROM staff WHERE 'ADMIN' = ANY (roles) AND deactivated_at IS NULL AND id <> 'admin'""")
                .query(String.class).list();
        try {
            jdbc.sql("UPDATE staff SET deactivated_at = now() WHERE id = ANY (:ids)")
                    .param("ids", others.toArray(String[]::new)).update();
            Api.Reply reply = setActive("admin", "ADMIN", false);

            assertThat(Problems.fields(assertProblem(reply, 422))).containsExactly("active");
        } finally {
            jdbc.sql("UPDATE staff SET deactivated_at = NULL WHERE id = ANY (:ids)")
                    .param("ids", others.toArray(String[]::new)).update();
        }
        assertThat(admin.get("/api/v1/staff/admin").json().path("active").asBoolean()).isTrue();
    }

    @Test
    void adminDeactivatesOnThePageWithTheFormsToken() {
        String member = fixtures.staff("PEER_MENTOR");
        PageClient page = PageClient.loggedIn(port, "admin", Fixtures.ADMIN_PASSWORD);
        page.get("/admin/staff");

        HttpResponse<String> forged = page.forge("/admin/staff/" + member + "/deactivate", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(active(member)).isTrue();
        HttpResponse<String> deactivated = page.post("/admin/staff/" + member + "/deactivate", Map.of());

        assertThat(deactivated.statusCode()).isEqualTo(302);
        assertThat(active(member)).isFalse();
        assertThat(page.get("/admin/staff").body()).contains("Reactivate " + member);
    }

    private boolean active(String staffId) {
        return jdbc.sql("SELECT deactivated_at IS NULL FROM staff WHERE id = :id").param("id", staffId)
                .query(Boolean.class).single();
    }

    private JsonNode recipientsOfHighCraving(String participant, Api reader) {
        Api.Reply posted = fixtures.integration("ingest").post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 4}"""
                .formatted(participant, Fixtures.now()));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String alert = posted.json().path("alerts").path(0).path("id").asString();
        Api.Reply detail = reader.get("/api/v1/alerts/" + alert);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        return detail.json().path("recipients");
    }

    private Api.Reply setActive(String staffId, String roles, boolean active) {
        return admin.put("/api/v1/staff/" + staffId, """
                {"name": "Staff %s", "email": "%s@example.org", "roles": ["%s"], "active": %s}"""
                .formatted(staffId, staffId, roles, active));
    }
}

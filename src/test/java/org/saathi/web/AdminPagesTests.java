package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/** The admin pages: staff, integration keys made and revoked on the page, and the audit log. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesTests {

    private static final Pattern NEW_KEY = Pattern.compile("id=\"new-key\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    PageClient admin;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        admin = PageClient.loggedIn(port, "admin", Fixtures.ADMIN_PASSWORD);
    }

    @Test
    void keyMadeOnThePageIsShownOnceWorksAndCanBeRevoked() {
        String name = Fixtures.uniqueId("attendance-register");
        admin.get("/admin/api-keys");

        HttpResponse<String> created = admin.post("/admin/api-keys", Map.of("name", name, "scope", "INGEST"));
        assertThat(created.statusCode()).isEqualTo(302);
        String page = admin.get("/admin/api-keys").body();
        Matcher shown = NEW_KEY.matcher(page);
        assertThat(shown.find()).as("the new key is on the page").isTrue();
        String key = shown.group(1);
        assertThat(admin.get("/admin/api-keys").body()).as("shown once").doesNotContain(key);

        Api integration = fixtures.anonymous().bearer(key);
        String participant = fixtures.participant();
        assertThat(integration.post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer", "observedAt": "%s", "level": "LOW"}"""
                .formatted(participant, Fixtures.now())).status()).isEqualTo(201);

        String id = jdbc.sql("SELECT id::text FROM api_key WHERE name = :name").param("name", name)
                .query(String.class).single();
        assertThat(admin.post("/admin/api-keys/" + id + "/revoke", Map.of()).statusCode()).isEqualTo(302);
        assertThat(integration.get("/api/v1/groups/none").status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target = :id AND channel = 'WEB'"
                        + " AND action IN ('API_KEY_CREATED', 'API_KEY_REVOKED')").param("id", id)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void keyWithoutAScopeIsNotMade() {
        String name = Fixtures.uniqueId("no-scope");
        admin.get("/admin/api-keys");

        admin.post("/admin/api-keys", Map.of("name", name));

        assertThat(admin.get("/admin/api-keys").body()).contains("at least one scope");
        assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE name = :name").param("name", name)
                .query(Long.class).single()).isZero();
    }

    @Test
    void staffPageListsStaffWithRolesAndShowsALockedAccount() {
        String counsellor = fixtures.staff("COUNSELLOR");
        for (int attempt = 0; attempt < 5; attempt++) {
            fixtures.anonymous().basic(counsellor, "wrong-password").get("/api/v1/rules");
        }

        String page = admin.get("/admin/staff").body();

        assertThat(page).contains(counsellor).contains("COUNSELLOR").contains("Locked until");

        assertThat(admin.post("/admin/staff/" + counsellor + "/unlock", Map.of()).statusCode()).isEqualTo(302);
        assertThat(fixtures.as(counsellor).get("/api/v1/rules").status()).as("unlocked, same password").isEqualTo(200);
        assertThat(admin.get("/admin/staff").body()).contains("unlocked").doesNotContain("Locked until");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'ACCOUNT_UNLOCKED' AND target = :id")
                .param("id", counsellor).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void auditPageFiltersByWhoAndWhat() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(fixtures.staff("PEER_MENTOR"), counsellor, true);
        assertThat(fixtures.as(counsellor).get("/api/v1/participants/" + participant).status()).isEqualTo(200);

        String page = admin.get("/admin/audit?actor=" + counsellor + "&action=PARTICIPANT_VIEWED").body();

        assertThat(page).contains("1 entries").contains(participant).contains("PARTICIPANT_VIEWED");
    }

    @Test
    void rulesPageShowsTheActiveVersionAndEveryRule() {
        String page = admin.get("/rules").body();
        String version = fixtures.admin().get("/api/v1/rules").json().path("version").asString();

        assertThat(page).contains(version).contains("SCR-001").contains("signals/");
    }
}

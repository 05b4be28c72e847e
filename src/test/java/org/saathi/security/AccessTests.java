package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.security.crypto.bcrypt.BCrypt;
import tools.jackson.databind.JsonNode;

@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    String mentor;
    String counsellor;
    String participant;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
        participant = fixtures.participant(mentor, counsellor, true);
    }

    // --- 401: no or wrong credentials

    @Test
    void requestWithoutCredentialsIsUnauthenticatedAndSaysHowToAuthenticate() {
        Api.Reply reply = fixtures.anonymous().get("/api/v1/participants/" + participant);

        JsonNode problem = assertProblem(reply, 401);
        assertThat(problem.path("type").asString()).isEqualTo("urn:saathi:problem:unauthenticated");
        assertThat(reply.header("WWW-Authenticate")).contains("Basic").contains("Bearer");
        assertThat(reply.body()).doesNotContain(counsellor);
    }

    @Test
    void staffWithWrongPasswordIsUnauthenticated() {
        Api.Reply reply = fixtures.anonymous().basic(counsellor, "not-the-password-at-all")
                .get("/api/v1/participants/" + participant);

        assertProblem(reply, 401);
        assertThat(reply.header("WWW-Authenticate")).isNotBlank();
    }

    @Test
    void adminWithWrongPasswordCannotCreateKeys() {
        int before = keyCount();

        Api.Reply reply = fixtures.anonymous().basic("admin", Fixtures.ADMIN_PASSWORD + "x")
                .post("/api/v1/api-keys", "{\"name\": \"sneaky\", \"scopes\": [\"ingest\"]}");

        assertProblem(reply, 401);
        assertThat(keyCount()).isEqualTo(before);
    }

    @Test
    void overlongOrMalformedStaffCredentialsAreUnauthenticated() {
        Api.Reply overlong = fixtures.anonymous().basic("admin", "पासवर्ड".repeat(20)).get("/api/v1/api-keys");
        Api.Reply notBase64 = fixtures.anonymous().send("GET", "/api/v1/api-keys", null,
                HttpRequest.BodyPublishers.noBody(), Map.of("Authorization", "Basic !!!"));
        Api.Reply unknownScheme = fixtures.anonymous().send("GET", "/api/v1/api-keys", null,
                HttpRequest.BodyPublishers.noBody(), Map.of("Authorization", "Digest username=admin"));

        assertProblem(overlong, 401);
        assertProblem(notBase64, 401);
        assertProblem(unknownScheme, 401);
    }

    @Test
    void unknownBearerKeyIsUnauthenticated() {
        Api.Reply wellFormed = fixtures.anonymous().bearer("sk_" + "A".repeat(43))
                .post("/api/v1/check-ins", checkIn(participant));
        Api.Reply garbage = fixtures.anonymous().bearer("not-a-key").get("/api/v1/participants/" + participant);

        assertProblem(wellFormed, 401);
        assertProblem(garbage, 401);
        assertThat(wellFormed.header("WWW-Authenticate")).isNotBlank();
        assertThat(checkIns(participant)).isZero();
    }

    @Test
    void revokedKeyIsUnauthenticatedAfterwards() {
        Api.Reply created = fixtures.admin().post("/api/v1/api-keys",
                "{\"name\": \"soon revoked\", \"scopes\": [\"ingest\"]}");
        String id = created.json().path("id").asString();
        Api ingest = fixtures.anonymous().bearer(created.json().path("key").asString());
        assertThat(ingest.post("/api/v1/check-ins", checkIn(participant)).status()).isEqualTo(201);

        Api.Reply revoked = fixtures.admin().delete("/api/v1/api-keys/" + id);
        Api.Reply afterwards = ingest.post("/api/v1/check-ins",
                checkIn(participant, Fixtures.ago(1, ChronoUnit.HOURS)));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").asString()).isNotBlank();
        assertThat(jdbc.sql("SELECT revoked_at IS NOT NULL FROM api_key WHERE id = CAST(:id AS uuid)")
                .param("id", id).query(Boolean.class).single()).isTrue();
        assertProblem(afterwards, 401);
        assertThat(checkIns(participant)).isOne();
    }

    @Test
    void revokingAnUnknownKeyIsNotFound() {
        Api.Reply unknown = fixtures.admin().delete("/api/v1/api-keys/" + UUID.randomUUID());
        Api.Reply notAUuid = fixtures.admin().delete("/api/v1/api-keys/not-a-uuid");

        assertProblem(unknown, 404);
        assertProblem(notAUuid, 404);
    }

    // --- 403: right credentials, wrong role or scope; and nothing changes

    @Test
    void rosterKeyCannotPostCheckIns() {
        Api.Reply reply = fixtures.integration("roster").post("/api/v1/check-ins", checkIn(participant));

        assertForbidden(reply);
        assertThat(checkIns(participant)).isZero();
    }

    @Test
    void ingestKeyCannotChangeParticipants() {
        String id = Fixtures.uniqueId("P");

        Api.Reply reply = fixtures.integration("ingest").put("/api/v1/participants/" + id, participantBody());

        assertForbidden(reply);
        assertThat(participantRows(id)).isZero();
    }

    @Test
    void ingestKeyCannotReadParticipants() {
        Api.Reply reply = fixtures.integration("ingest").get("/api/v1/participants/" + participant);

        assertForbidden(reply);
        assertThat(reply.body()).doesNotContain(counsellor).doesNotContain(mentor);
    }

    @Test
    void counsellorCannotCreateApiKeys() {
        String name = Fixtures.uniqueId("counsellor-key");

        Api.Reply reply = fixtures.as(counsellor).post("/api/v1/api-keys",
                "{\"name\": \"" + name + "\", \"scopes\": [\"ingest\"]}");

        assertForbidden(reply);
        assertThat(reply.body()).doesNotContain("sk_");
        assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE name = :name").param("name", name)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void counsellorCannotListOrRevokeApiKeys() {
        Api.Reply created = fixtures.admin().post("/api/v1/api-keys", "{\"name\": \"kept\", \"scopes\": [\"ingest\"]}");
        String id = created.json().path("id").asString();

        Api.Reply list = fixtures.as(counsellor).get("/api/v1/api-keys");
        Api.Reply revoke = fixtures.as(counsellor).delete("/api/v1/api-keys/" + id);

        assertForbidden(list);
        assertForbidden(revoke);
        assertThat(jdbc.sql("SELECT revoked_at IS NULL FROM api_key WHERE id = CAST(:id AS uuid)")
                .param("id", id).query(Boolean.class).single()).isTrue();
    }

    @Test
    void peerMentorCannotChangeStaff() {
        String id = Fixtures.uniqueId("staff");

        Api.Reply created = fixtures.as(mentor).put("/api/v1/staff/" + id, staffBody("ADMIN"));
        Api.Reply promoted = fixtures.as(mentor).put("/api/v1/staff/" + mentor, staffBody("ADMIN"));

        assertForbidden(created);
        assertForbidden(promoted);
        assertThat(staffRows(id)).isZero();
        assertThat(roles(mentor)).containsExactly("PEER_MENTOR");
    }

    @Test
    void keyWithEveryScopeCannotChangeStaff() {
        String id = Fixtures.uniqueId("staff");

        Api.Reply reply = fixtures.integration("ingest", "roster").put("/api/v1/staff/" + id, staffBody("ADMIN"));

        assertForbidden(reply);
        assertThat(staffRows(id)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE staff_id = :id").param("id", id)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void keyWithEveryScopeCannotCreateApiKeys() {
        String name = Fixtures.uniqueId("key-made-by-key");

        Api.Reply reply = fixtures.integration("ingest", "roster").post("/api/v1/api-keys",
                "{\"name\": \"" + name + "\", \"scopes\": [\"ingest\"]}");

        assertForbidden(reply);
        assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE name = :name").param("name", name)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void rosterKeyMayChangeParticipantsButNotReadThem() {
        String id = Fixtures.uniqueId("P");
        Api roster = fixtures.integration("roster");

        Api.Reply put = roster.put("/api/v1/participants/" + id, participantBody());
        Api.Reply get = roster.get("/api/v1/participants/" + id);

        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(participantRows(id)).isOne();
        assertForbidden(get);
    }

    // --- API keys are shown once and stored hashed

    @Test
    void createdKeyIsShownOnceAndStoredOnlyAsItsHash() {
        Api.Reply created = fixtures.admin().post("/api/v1/api-keys",
                "{\"name\": \"EHR bridge\", \"scopes\": [\"ingest\", \"roster\"]}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        JsonNode body = created.json();
        String id = body.path("id").asString();
        String key = body.path("key").asString();
        assertThat(key).startsWith("sk_").hasSizeGreaterThan(40);
        assertThat(body.path("name").asString()).isEqualTo("EHR bridge");
        assertThat(created.header("Location")).endsWith("/api/v1/api-keys/" + id);

        Api.Reply list = fixtures.admin().get("/api/v1/api-keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key);
        JsonNode listed = null;
        for (JsonNode item : list.json().path("items")) {
            if (item.path("id").asString().equals(id)) {
                listed = item;
            }
        }
        assertThat(listed).as("key %s in %s", id, list.body()).isNotNull();
        assertThat(listed.has("key")).isFalse();
        assertThat(listed.path("name").asString()).isEqualTo("EHR bridge");
        assertThat(listed.path("createdBy").asString()).isEqualTo("admin");
        assertThat(key).startsWith(listed.path("prefix").asString());
        List<String> scopes = new ArrayList<>();
        listed.path("scopes").forEach(scope -> scopes.add(scope.asString()));
        assertThat(scopes).containsExactlyInAnyOrder("ingest", "roster");

        Map<String, Object> row = jdbc.sql("SELECT * FROM api_key WHERE id = CAST(:id AS uuid)").param("id", id)
                .query().singleRow();
        assertThat(row.get("key_hash")).isEqualTo(sha256Hex(key));
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(key));
        assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE position(:key IN key_hash || key_prefix || name) > 0")
                .param("key", key).query(Integer.class).single()).isZero();
    }

    @Test
    void rejectsKeyWithUnknownScope() {
        int before = keyCount();

        Api.Reply reply = fixtures.admin().post("/api/v1/api-keys", "{\"name\": \"x\", \"scopes\": [\"admin\"]}");

        JsonNode problem = assertProblem(reply, 400);
        assertThat(Problems.fields(problem)).as(reply.toString()).containsExactly("scopes[0]");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("ingest").contains("roster");
        assertThat(keyCount()).isEqualTo(before);
    }

    @Test
    void rejectsKeyWithoutScopes() {
        int before = keyCount();

        Api.Reply empty = fixtures.admin().post("/api/v1/api-keys", "{\"name\": \"x\", \"scopes\": []}");
        Api.Reply missing = fixtures.admin().post("/api/v1/api-keys", "{\"name\": \"x\"}");

        assertInvalidField(empty, "scopes");
        assertInvalidField(missing, "scopes");
        assertThat(keyCount()).isEqualTo(before);
    }

    @Test
    void rejectsKeyWithoutName() {
        Api.Reply reply = fixtures.admin().post("/api/v1/api-keys", "{\"name\": \" \", \"scopes\": [\"ingest\"]}");

        assertInvalidField(reply, "name");
    }

    // --- the bootstrap admin and password storage

    @Test
    void bootstrapAdminExistsAndLogsInWithTheConfiguredPassword() {
        assertThat(roles("admin")).containsExactly("ADMIN");

        Api.Reply reply = fixtures.admin().get("/api/v1/api-keys");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void passwordsAreStoredOnlyAsBcryptHashes() {
        String adminHash = passwordHash("admin");
        String staffHash = passwordHash(counsellor);

        assertThat(adminHash).startsWith("{bcrypt}").isNotEqualTo(Fixtures.ADMIN_PASSWORD)
                .doesNotContain(Fixtures.ADMIN_PASSWORD);
        assertThat(staffHash).startsWith("{bcrypt}").isNotEqualTo(Fixtures.STAFF_PASSWORD)
                .doesNotContain(Fixtures.STAFF_PASSWORD);
        assertThat(BCrypt.checkpw(Fixtures.ADMIN_PASSWORD, adminHash.substring("{bcrypt}".length()))).isTrue();
        assertThat(BCrypt.checkpw(Fixtures.STAFF_PASSWORD, staffHash.substring("{bcrypt}".length()))).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE password_hash NOT LIKE '{bcrypt}%' "
                        + "OR password_hash IN (:admin, :staff)")
                .param("admin", Fixtures.ADMIN_PASSWORD).param("staff", Fixtures.STAFF_PASSWORD)
                .query(Integer.class).single()).isZero();
    }

    private static void assertForbidden(Api.Reply reply) {
        JsonNode problem = assertProblem(reply, 403);
        assertThat(problem.path("type").asString()).isEqualTo("urn:saathi:problem:forbidden");
    }

    private static String checkIn(String participantId) {
        return checkIn(participantId, Fixtures.now());
    }

    private static String checkIn(String participantId, String at) {
        return """
                {"participantId": "%s", "recordedAt": "%s", "craving": 3, "mood": 6}""".formatted(participantId, at);
    }

    private String participantBody() {
        return """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s"}""".formatted(mentor, counsellor);
    }

    private static String staffBody(String role) {
        return """
                {"name": "Intruder", "roles": ["%s"], "password": "intruder-password-1"}""".formatted(role);
    }

    private int checkIns(String participantId) {
        return jdbc.sql("SELECT count(*) FROM check_in WHERE participant_id = :p").param("p", participantId)
                .query(Integer.class).single();
    }

    private int participantRows(String id) {
        return jdbc.sql("SELECT count(*) FROM participant WHERE id = :id").param("id", id).query(Integer.class)
                .single();
    }

    private int staffRows(String id) {
        return jdbc.sql("SELECT count(*) FROM staff WHERE id = :id").param("id", id).query(Integer.class).single();
    }

    private List<String> roles(String staffId) {
        return jdbc.sql("SELECT unnest(roles) FROM staff WHERE id = :id").param("id", staffId)
                .query(String.class).list();
    }

    private String passwordHash(String staffId) {
        return jdbc.sql("SELECT password_hash FROM account WHERE staff_id = :id").param("id", staffId)
                .query(String.class).single();
    }

    private int keyCount() {
        return jdbc.sql("SELECT count(*) FROM api_key").query(Integer.class).single();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

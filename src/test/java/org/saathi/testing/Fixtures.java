package org.saathi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Roster and keys made through the API itself, each with fresh ids so that tests sharing one
 * database never see each other's data.
 */
public class Fixtures {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String STAFF_PASSWORD = "staff-password-123";

    private final int port;

    public Fixtures(int port) {
        this.port = port;
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Now, to the second, as the API expects it. */
    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String ago(long amount, ChronoUnit unit) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(amount, unit).toString();
    }

    public Api anonymous() {
        return Api.anonymous(port);
    }

    public Api admin() {
        return anonymous().basic("admin", ADMIN_PASSWORD);
    }

    /** A new programme with default thresholds; answers its id. */
    public String programme() {
        String id = uniqueId("prog");
        Api.Reply reply = admin().put("/api/v1/programmes/" + id, "{\"name\": \"Programme " + id + "\"}");
        assertThat(reply.status()).as("create programme: %s", reply).isEqualTo(201);
        return id;
    }

    /** A staff member of the default programme with a login and these roles; answers their id. */
    public String staff(String... roles) {
        return staffIn("default", roles);
    }

    /** A staff member of this programme with a login and these roles; answers their id. */
    public String staffIn(String programmeId, String... roles) {
        String id = uniqueId("staff");
        String roleList = Arrays.stream(roles).map(role -> "\"" + role + "\"").collect(Collectors.joining(","));
        Api.Reply reply = admin().put("/api/v1/staff/" + id, """
                {"name": "Staff %s", "email": "%s@example.org", "roles": [%s], "programmeId": "%s", "password": "%s"}"""
                .formatted(id, id, roleList, programmeId, STAFF_PASSWORD));
        assertThat(reply.status()).as("create staff: %s", reply).isEqualTo(201);
        return id;
    }

    public Api as(String staffId) {
        return anonymous().basic(staffId, STAFF_PASSWORD);
    }

    /**
     * A new integration key of the whole deployment with these scopes, so that a test may post into
     * any programme it made; answers the key.
     */
    public String key(String... scopes) {
        return newKey("\"allProgrammes\": true", scopes);
    }

    /** A new integration key of one programme with these scopes; answers the key. */
    public String keyFor(String programmeId, String... scopes) {
        return newKey("\"programmeId\": \"" + programmeId + "\"", scopes);
    }

    private String newKey(String programme, String... scopes) {
        String scopeList = Arrays.stream(scopes).map(scope -> "\"" + scope + "\"").collect(Collectors.joining(","));
        Api.Reply reply = admin().post("/api/v1/api-keys", """
                {"name": "test integration", "scopes": [%s], %s}""".formatted(scopeList, programme));
        assertThat(reply.status()).as("create key: %s", reply).isEqualTo(201);
        return reply.json().path("key").asString();
    }

    public Api integration(String... scopes) {
        return anonymous().bearer(key(scopes));
    }

    /** An active participant of the default programme with this peer mentor and counsellor; answers their id. */
    public String participant(String peerMentorId, String counsellorId, boolean shareWithPeerMentor) {
        return participantIn("default", peerMentorId, counsellorId, shareWithPeerMentor);
    }

    /** An active participant of this programme with this peer mentor and counsellor; answers their id. */
    public String participantIn(String programmeId, String peerMentorId, String counsellorId,
            boolean shareWithPeerMentor) {
        String id = uniqueId("P");
        Api.Reply reply = admin().put("/api/v1/participants/" + id, """
                {"displayName": "R.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s",
                 "consent": {"shareWithPeerMentor": %s}}"""
                .formatted(programmeId, peerMentorId, counsellorId, shareWithPeerMentor));
        assertThat(reply.status()).as("create participant: %s", reply).isEqualTo(201);
        return id;
    }

    /** A participant with a fresh peer mentor and counsellor. */
    public String participant() {
        return participant(staff("PEER_MENTOR"), staff("COUNSELLOR"), true);
    }
}

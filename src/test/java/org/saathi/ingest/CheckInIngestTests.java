package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInIngestTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Api ingest;
    String keyId;
    String mentor;
    String counsellor;
    String participant;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        String key = fixtures.key("ingest");
        ingest = fixtures.anonymous().bearer(key);
        keyId = jdbc.sql("SELECT id::text FROM api_key WHERE key_hash = :hash")
                .param("hash", org.saathi.api.Digests.sha256Hex(key)).query(String.class).single();
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @BeforeEach
    void newParticipant() {
        participant = fixtures.participant(mentor, counsellor, true);
    }

    @Test
    void recordsCheckInAndAnswersItsId() {
        String at = Fixtures.ago(2, ChronoUnit.HOURS);
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "source": "sms-bot", "craving": 6, "mood": 4,
                 "stress": 7, "sleepHours": 5.5, "usedSubstance": false, "medicationTaken": true,
                 "triggers": ["payday", "old friends"], "note": "Rough evening"}""".formatted(participant, at));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode body = reply.json();
        assertThat(body.path("duplicate").asBoolean()).isFalse();
        assertThat(body.path("alerts").isArray()).isTrue();
        Map<String, Object> row = jdbc.sql("SELECT * FROM check_in WHERE id = CAST(:id AS uuid)")
                .param("id", body.path("id").asString()).query().singleRow();
        assertThat(row).containsEntry("participant_id", participant).containsEntry("source", "sms-bot")
                .containsEntry("note", "Rough evening");
        assertThat(((Number) row.get("craving")).intValue()).isEqualTo(6);
        assertThat(((Number) row.get("sleep_hours")).doubleValue()).isEqualTo(5.5);
    }

    @Test
    void attributesCheckInWithoutSourceToTheKeyThatSentIt() {
        ingest.post("/api/v1/check-ins", checkIn(participant, Fixtures.now()));

        assertThat(jdbc.sql("SELECT source FROM check_in WHERE participant_id = :p").param("p", participant)
                .query(String.class).single()).isEqualTo(keyId);
    }

    @Test
    void rejectsCheckInForUnknownParticipant() {
        String unknown = Fixtures.uniqueId("nobody");

        Api.Reply reply = ingest.post("/api/v1/check-ins", checkIn(unknown, Fixtures.now()));

        assertProblem(reply, 404);
        assertThat(stored(unknown)).isZero();
    }

    @Test
    void rejectsCheckInForDischargedParticipant() {
        Api.Reply discharge = fixtures.admin().put("/api/v1/participants/" + participant, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "status": "DISCHARGED"}"""
                .formatted(mentor, counsellor));
        assertThat(discharge.status()).isEqualTo(200);

        Api.Reply reply = ingest.post("/api/v1/check-ins", checkIn(participant, Fixtures.now()));

        assertThat(assertProblem(reply, 409).path("type").asString()).endsWith("participant-discharged");
        assertThat(stored(participant)).isZero();
    }

    @Test
    void repeatWithoutIdempotencyKeyIsRecognisedAsDuplicate() {
        String body = checkIn(participant, Fixtures.now());
        Api.Reply first = ingest.post("/api/v1/check-ins", body);

        Api.Reply repeat = ingest.post("/api/v1/check-ins", body);

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("duplicate").asBoolean()).isTrue();
        assertThat(repeat.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(stored(participant)).isOne();
    }

    @Test
    void sameTimeFromAnotherSourceIsAnotherCheckIn() {
        String at = Fixtures.now();
        ingest.post("/api/v1/check-ins", checkIn(participant, at));

        Api.Reply other = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "source": "ivr", "craving": 2, "mood": 6}"""
                .formatted(participant, at));

        assertThat(other.status()).isEqualTo(201);
        assertThat(stored(participant)).isEqualTo(2);
    }

    @Test
    void idempotencyKeyReplayReturnsTheFirstAnswerAndStoresNothingNew() {
        String body = checkIn(participant, Fixtures.now());
        Map<String, String> key = Map.of("Idempotency-Key", Fixtures.uniqueId("req"));
        Api.Reply first = ingest.post("/api/v1/check-ins", body, key);

        Api.Reply replay = ingest.post("/api/v1/check-ins", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(stored(participant)).isOne();
    }

    @Test
    void idempotencyKeyReusedWithAnotherBodyIsRefused() {
        Map<String, String> key = Map.of("Idempotency-Key", Fixtures.uniqueId("req"));
        ingest.post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(1, ChronoUnit.HOURS)), key);

        Api.Reply reused = ingest.post("/api/v1/check-ins", checkIn(participant, Fixtures.now()), key);

        JsonNode problem = assertProblem(reused, 422);
        assertThat(problem.path("type").asString()).endsWith("idempotency-key-reused");
        assertThat(stored(participant)).isOne();
    }

    @Test
    void idempotencyKeysOfOneIntegrationDoNotCollideWithAnothers() {
        Map<String, String> key = Map.of("Idempotency-Key", "same-key-" + participant);
        ingest.post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(1, ChronoUnit.HOURS)), key);

        Api.Reply other = fixtures.integration("ingest")
                .post("/api/v1/check-ins", checkIn(participant, Fixtures.now()), key);

        assertThat(other.status()).isEqualTo(201);
        assertThat(stored(participant)).isEqualTo(2);
    }

    @Test
    void acceptsSlightlyFutureTimeFromADriftingClock() {
        Api.Reply reply = ingest.post("/api/v1/check-ins",
                checkIn(participant, Fixtures.ago(-4, ChronoUnit.MINUTES)));

        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void acceptsBackfillWithinTheHorizon() {
        Api.Reply reply = ingest.post("/api/v1/check-ins", checkIn(participant, Fixtures.ago(300, ChronoUnit.DAYS)));

        assertThat(reply.status()).isEqualTo(201);
    }

    static Stream<Arguments> badCheckIns() {
        return Stream.of(
                Arguments.of("time more than 5 minutes ahead", "recordedAt",
                        "{\"participantId\": \"%s\", \"recordedAt\": \"" + Fixtures.ago(-6, ChronoUnit.MINUTES)
                                + "\", \"craving\": 3, \"mood\": 5}"),
                Arguments.of("time beyond the backfill horizon", "recordedAt",
                        "{\"participantId\": \"%s\", \"recordedAt\": \"" + Fixtures.ago(366, ChronoUnit.DAYS)
                                + "\", \"craving\": 3, \"mood\": 5}"),
                Arguments.of("time without offset", "recordedAt",
                        "{\"participantId\": \"%s\", \"recordedAt\": \"2026-01-01T10:00:00\", \"craving\": 3, \"mood\": 5}"),
                Arguments.of("time that is no time", "recordedAt",
                        "{\"participantId\": \"%s\", \"recordedAt\": \"yesterday\", \"craving\": 3, \"mood\": 5}"),
                Arguments.of("craving above 10", "craving", body("\"craving\": 11, \"mood\": 5")),
                Arguments.of("craving below 0", "craving", body("\"craving\": -1, \"mood\": 5")),
                Arguments.of("mood below 1", "mood", body("\"craving\": 3, \"mood\": 0")),
                Arguments.of("stress above 10", "stress", body("\"craving\": 3, \"mood\": 5, \"stress\": 12")),
                Arguments.of("sleep above 24 hours", "sleepHours", body("\"craving\": 3, \"mood\": 5, \"sleepHours\": 25")),
                Arguments.of("craving as a string", "craving", body("\"craving\": \"8\", \"mood\": 5")),
                Arguments.of("craving as a fraction", "craving", body("\"craving\": 7.5, \"mood\": 5")),
                Arguments.of("stress as a blank string", "stress", body("\"craving\": 3, \"mood\": 5, \"stress\": \" \"")),
                Arguments.of("stress as a NUL character", "stress",
                        body("\"craving\": 3, \"mood\": 5, \"stress\": \"\\u0000\"")),
                Arguments.of("used substance as a word", "usedSubstance",
                        body("\"craving\": 3, \"mood\": 5, \"usedSubstance\": \"yes\"")),
                Arguments.of("triggers as a string", "triggers", body("\"craving\": 3, \"mood\": 5, \"triggers\": \"x\"")),
                Arguments.of("a blank trigger", "triggers[1]",
                        body("\"craving\": 3, \"mood\": 5, \"triggers\": [\"ok\", \" \"]")),
                Arguments.of("note over 2,000 characters", "note",
                        body("\"craving\": 3, \"mood\": 5, \"note\": \"" + "x".repeat(2001) + "\"")),
                Arguments.of("missing craving", "craving", body("\"mood\": 5")),
                Arguments.of("missing mood", "mood", body("\"craving\": 3")),
                Arguments.of("missing time", "recordedAt", "{\"participantId\": \"%s\", \"craving\": 3, \"mood\": 5}"),
                Arguments.of("unknown field", "feeling", body("\"craving\": 3, \"mood\": 5, \"feeling\": \"ok\"")),
                Arguments.of("a field given twice", "mood", body("\"craving\": 3, \"mood\": 5, \"mood\": 9")),
                Arguments.of("source outside the id pattern", "source",
                        body("\"craving\": 3, \"mood\": 5, \"source\": \"sms bot\"")),
                Arguments.of("malformed JSON", "body", "{\"participantId\": \"%s\", \"craving\": 3,"),
                Arguments.of("JSON that is not an object", "body", "[\"%s\"]"),
                Arguments.of("trailing content after the object", "body", body("\"craving\": 3, \"mood\": 5") + " {}"));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("badCheckIns")
    void rejectsBadCheckIn(String what, String field, String template) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", template.replace("%s", participant));

        assertInvalidField(reply, field);
        assertThat(stored(participant)).isZero();
    }

    @Test
    void rejectsParticipantIdOutsideThePattern() {
        Api.Reply spaced = ingest.post("/api/v1/check-ins", checkIn("P 1", Fixtures.now()));
        Api.Reply tooLong = ingest.post("/api/v1/check-ins", checkIn("P".repeat(65), Fixtures.now()));

        assertInvalidField(spaced, "participantId");
        assertInvalidField(tooLong, "participantId");
    }

    @Test
    void rejectsMissingBody() {
        Api.Reply reply = ingest.post("/api/v1/check-ins", "");

        assertInvalidField(reply, "body");
    }

    @Test
    void rejectsWrongMediaType() {
        Api.Reply reply = ingest.send("POST", "/api/v1/check-ins", "text/plain",
                java.net.http.HttpRequest.BodyPublishers.ofString(checkIn(participant, Fixtures.now())), Map.of());

        assertProblem(reply, 415);
        assertThat(stored(participant)).isZero();
    }

    @Test
    void rejectsBodyOverOneMebibyteByDeclaredLength() {
        String huge = body("\"craving\": 3, \"mood\": 5, \"note\": \"" + "x".repeat(1_100_000) + "\"")
                .replace("%s", participant);

        Api.Reply reply = ingest.post("/api/v1/check-ins", huge);

        assertProblem(reply, 413);
        assertThat(stored(participant)).isZero();
    }

    @Test
    void rejectsBodyOverOneMebibyteSentInChunks() {
        byte[] huge = body("\"craving\": 3, \"mood\": 5, \"note\": \"" + "x".repeat(1_100_000) + "\"")
                .replace("%s", participant).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Api.Reply reply = ingest.send("POST", "/api/v1/check-ins", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)),
                Map.of());

        assertProblem(reply, 413);
        assertThat(stored(participant)).isZero();
    }

    @Test
    void rejectsMalformedIdempotencyKey() {
        Api.Reply reply = ingest.post("/api/v1/check-ins", checkIn(participant, Fixtures.now()),
                Map.of("Idempotency-Key", "x".repeat(300)));

        assertInvalidField(reply, "Idempotency-Key");
        assertThat(stored(participant)).isZero();
    }

    private static String body(String fields) {
        return "{\"participantId\": \"%s\", \"recordedAt\": \"" + Fixtures.ago(1, ChronoUnit.HOURS) + "\", "
                + fields + "}";
    }

    static String checkIn(String participantId, String at) {
        return """
                {"participantId": "%s", "recordedAt": "%s", "craving": 3, "mood": 6}""".formatted(participantId, at);
    }

    private int stored(String participantId) {
        return jdbc.sql("SELECT count(*) FROM check_in WHERE participant_id = :p").param("p", participantId)
                .query(Integer.class).single();
    }
}

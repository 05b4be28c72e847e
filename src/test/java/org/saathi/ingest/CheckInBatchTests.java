package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.CareTeam;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInBatchTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    CareTeam team;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
    }

    @Test
    void judgesEachItemOnItsOwn() {
        String active = team.participant();
        String discharged = team.participant();
        fixtures.admin().put("/api/v1/participants/" + discharged, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", "status": "DISCHARGED"}"""
                .formatted(team.mentor(), team.counsellor()));
        String at = Fixtures.ago(3, ChronoUnit.HOURS);
        String repeated = CheckInIngestTests.checkIn(active, at);

        Api.Reply reply = team.ingest().post("/api/v1/check-ins/batch", """
                {"items": [%s, %s, %s, {"participantId": "%s", "recordedAt": "%s", "craving": 12, "mood": 5},
                           %s, %s, 42]}""".formatted(
                repeated,
                repeated,
                CheckInIngestTests.checkIn(active, Fixtures.ago(2, ChronoUnit.HOURS)),
                active, at,
                CheckInIngestTests.checkIn(Fixtures.uniqueId("nobody"), at),
                CheckInIngestTests.checkIn(discharged, at)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode results = reply.json().path("results");
        assertThat(results.size()).isEqualTo(7);
        assertThat(statusOf(results, 0)).isEqualTo("CREATED");
        assertThat(statusOf(results, 1)).isEqualTo("DUPLICATE");
        assertThat(results.get(1).path("id").asString()).isEqualTo(results.get(0).path("id").asString());
        assertThat(statusOf(results, 2)).isEqualTo("CREATED");
        assertThat(statusOf(results, 3)).isEqualTo("REJECTED");
        assertThat(results.get(3).path("problem").path("errors").get(0).path("field").asString()).isEqualTo("craving");
        assertThat(statusOf(results, 4)).isEqualTo("REJECTED");
        assertThat(results.get(4).path("problem").path("status").asInt()).isEqualTo(404);
        assertThat(results.get(5).path("problem").path("status").asInt()).isEqualTo(409);
        assertThat(results.get(6).path("problem").path("status").asInt()).isEqualTo(400);
        assertThat(reply.json().path("created").asInt()).isEqualTo(2);
        assertThat(reply.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(reply.json().path("rejected").asInt()).isEqualTo(4);
        assertThat(stored(active)).isEqualTo(2);
        assertThat(stored(discharged)).isZero();
    }

    @Test
    void acceptsAThousandCheckIns() {
        String participant = team.participant();
        String items = IntStream.range(0, 1000)
                .mapToObj(i -> CheckInIngestTests.checkIn(participant, Fixtures.ago(i + 1L, ChronoUnit.MINUTES)))
                .collect(Collectors.joining(","));

        Api.Reply reply = team.ingest().post("/api/v1/check-ins/batch", "{\"items\": [" + items + "]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("created").asInt()).isEqualTo(1000);
        assertThat(stored(participant)).isEqualTo(1000);
    }

    @Test
    void rejectsMoreThanAThousandItemsWhole() {
        String participant = team.participant();
        String items = IntStream.range(0, 1001)
                .mapToObj(i -> CheckInIngestTests.checkIn(participant, Fixtures.ago(i + 1L, ChronoUnit.MINUTES)))
                .collect(Collectors.joining(","));

        Api.Reply reply = team.ingest().post("/api/v1/check-ins/batch", "{\"items\": [" + items + "]}");

        assertInvalidField(reply, "items");
        assertThat(stored(participant)).isZero();
    }

    @Test
    void rejectsEmptyOrMissingItems() {
        assertInvalidField(team.ingest().post("/api/v1/check-ins/batch", "{\"items\": []}"), "items");
        assertInvalidField(team.ingest().post("/api/v1/check-ins/batch", "{}"), "items");
        assertInvalidField(team.ingest().post("/api/v1/check-ins/batch", "{\"items\": 5}"), "items");
    }

    @Test
    void replaysABatchSentAgainWithItsIdempotencyKey() {
        String participant = team.participant();
        String body = "{\"items\": [" + CheckInIngestTests.checkIn(participant, Fixtures.now()) + "]}";
        Map<String, String> key = Map.of("Idempotency-Key", Fixtures.uniqueId("batch"));

        Api.Reply first = team.ingest().post("/api/v1/check-ins/batch", body, key);
        Api.Reply replay = team.ingest().post("/api/v1/check-ins/batch", body, key);

        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(replay.json().path("results").get(0).path("status").asString()).isEqualTo("CREATED");
        assertThat(stored(participant)).isOne();
    }

    private static String statusOf(JsonNode results, int index) {
        return results.get(index).path("status").asString();
    }

    private int stored(String participantId) {
        return jdbc.sql("SELECT count(*) FROM check_in WHERE participant_id = :p").param("p", participantId)
                .query(Integer.class).single();
    }
}

package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;

import java.time.temporal.ChronoUnit;
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
class ScreeningIngestTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Api ingest;
    String mentor;
    String counsellor;
    String participant;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @BeforeEach
    void newParticipant() {
        participant = fixtures.participant(mentor, counsellor, true);
    }

    @Test
    void phq9_answersTotalBandAndItemNine() {
        Api.Reply reply = ingest.post("/api/v1/screenings", screening("\"instrument\": \"PHQ9\", "
                + "\"items\": [3, 3, 2, 2, 2, 2, 2, 2, 1]"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode scores = reply.json().path("scores");
        assertThat(scores.path("total").asInt()).isEqualTo(19);
        assertThat(scores.path("severity").asString()).isEqualTo("MODERATELY_SEVERE");
        assertThat(scores.path("item9").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT scores ->> 'total' FROM screening WHERE participant_id = :p")
                .param("p", participant).query(String.class).single()).isEqualTo("19");
    }

    @Test
    void bam_answersSubscalesAndFlags() {
        Api.Reply reply = ingest.post("/api/v1/screenings", screening("\"instrument\": \"BAM\", "
                + "\"items\": [2, 2, 2, 1, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0]"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode scores = reply.json().path("scores");
        assertThat(scores.path("use").asInt()).isEqualTo(1);
        assertThat(scores.path("risk").asInt()).isEqualTo(12);
        assertThat(scores.path("protective").asInt()).isEqualTo(12);
        assertThat(scores.path("useFlag").asBoolean()).isTrue();
        assertThat(scores.path("riskFlag").asBoolean()).isTrue();
        assertThat(scores.path("protectiveFlag").asBoolean()).isTrue();
    }

    @Test
    void drugScreen_isStoredWithItsSubstances() {
        Api.Reply reply = ingest.post("/api/v1/screenings", screening("\"instrument\": \"DRUG_SCREEN\", "
                + "\"positive\": true, \"substances\": [\"opioids\"]"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("scores").path("positive").asBoolean()).isTrue();
        assertThat(reply.body()).doesNotContain("opioids");
        assertThat(jdbc.sql("SELECT substances[1] FROM screening WHERE participant_id = :p")
                .param("p", participant).query(String.class).single()).isEqualTo("opioids");
    }

    @Test
    void drugScreen_withoutSayingWhetherConfirmed_isReadAsConfirmed() {
        Api.Reply unsaid = ingest.post("/api/v1/screenings", screening("\"instrument\": \"DRUG_SCREEN\", "
                + "\"positive\": true"));
        Api.Reply presumptive = ingest.post("/api/v1/screenings", "{\"participantId\": \"" + participant
                + "\", \"recordedAt\": \"" + Fixtures.ago(2, ChronoUnit.HOURS) + "\", \"instrument\": "
                + "\"DRUG_SCREEN\", \"positive\": true, \"confirmed\": false}");

        assertThat(unsaid.json().path("scores").path("confirmed").asBoolean()).as(unsaid.toString()).isTrue();
        assertThat(presumptive.json().path("scores").path("confirmed").asBoolean()).as(presumptive.toString())
                .isFalse();
        assertThat(jdbc.sql("SELECT coalesce(confirmed::text, 'unsaid') FROM screening WHERE participant_id = :p "
                + "ORDER BY recorded_at").param("p", participant).query(String.class).list())
                .containsExactly("false", "unsaid");
    }

    static Stream<Arguments> badScreenings() {
        return Stream.of(
                Arguments.of("PHQ-9 with eight answers", "items",
                        "\"instrument\": \"PHQ9\", \"items\": [0, 0, 0, 0, 0, 0, 0, 0]"),
                Arguments.of("PHQ-9 answer above 3", "items[4]",
                        "\"instrument\": \"PHQ9\", \"items\": [0, 0, 0, 0, 4, 0, 0, 0, 0]"),
                Arguments.of("PHQ-9 answer below 0", "items[0]",
                        "\"instrument\": \"PHQ9\", \"items\": [-1, 0, 0, 0, 0, 0, 0, 0, 0]"),
                Arguments.of("PHQ-9 without answers", "items", "\"instrument\": \"PHQ9\""),
                Arguments.of("PHQ-9 with a drug screen result", "positive",
                        "\"instrument\": \"PHQ9\", \"items\": [0, 0, 0, 0, 0, 0, 0, 0, 0], \"positive\": true"),
                Arguments.of("PHQ-9 saying it was confirmed", "confirmed",
                        "\"instrument\": \"PHQ9\", \"items\": [0, 0, 0, 0, 0, 0, 0, 0, 0], \"confirmed\": true"),
                Arguments.of("BAM answer above 4", "items[16]",
                        "\"instrument\": \"BAM\", \"items\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]"),
                Arguments.of("BAM with nine answers", "items",
                        "\"instrument\": \"BAM\", \"items\": [0, 0, 0, 0, 0, 0, 0, 0, 0]"),
                Arguments.of("drug screen without a result", "positive", "\"instrument\": \"DRUG_SCREEN\""),
                Arguments.of("negative drug screen naming substances", "substances",
                        "\"instrument\": \"DRUG_SCREEN\", \"positive\": false, \"substances\": [\"alcohol\"]"),
                Arguments.of("unknown instrument", "instrument", "\"instrument\": \"AUDIT\""),
                Arguments.of("missing instrument", "instrument", "\"items\": [0, 0, 0, 0, 0, 0, 0, 0, 0]"),
                Arguments.of("answer that is not a number", "items[0]",
                        "\"instrument\": \"PHQ9\", \"items\": [\"a\", 0, 0, 0, 0, 0, 0, 0, 0]"));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("badScreenings")
    void rejectsBadScreening(String what, String field, String fields) {
        Api.Reply reply = ingest.post("/api/v1/screenings", screening(fields));

        assertInvalidField(reply, field);
        assertThat(jdbc.sql("SELECT count(*) FROM screening WHERE participant_id = :p").param("p", participant)
                .query(Integer.class).single()).isZero();
    }

    private String screening(String fields) {
        return "{\"participantId\": \"" + participant + "\", \"recordedAt\": \""
                + Fixtures.ago(1, ChronoUnit.HOURS) + "\", " + fields + "}";
    }
}

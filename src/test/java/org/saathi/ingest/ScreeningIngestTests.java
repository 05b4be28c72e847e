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
import org.saathi.testing.CareTeam;
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
    CareTeam team;
    String participant;

    @BeforeAll
    void setUpRoster() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
    }

    @BeforeEach
    void newParticipant() {
        participant = team.participant();
    }

    @Test
    void phq9_answersTotalBandAndItemNine() {
        Api.Reply reply = team.ingest().post("/api/v1/screenings", screening("\"instrument\": \"PHQ9\", "
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
        Api.Reply reply = team.ingest().post("/api/v1/screenings", screening("\"instrument\": \"BAM\", "
                + "\"items\": " + bam(5, 5, 2, 0, 0, 5, 0)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode scores = reply.json().path("scores");
        assertThat(scores.path("use").asInt()).isEqualTo(1);
        assertThat(scores.path("risk").asInt()).isEqualTo(12);
        assertThat(scores.path("protective").asInt()).isEqualTo(10);
        assertThat(scores.path("useFlag").asBoolean()).isTrue();
        assertThat(scores.path("riskFlag").asBoolean()).isTrue();
        assertThat(scores.path("protectiveFlag").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT array_to_string(items, ',', 'null') FROM screening WHERE participant_id = :p")
                .param("p", participant).query(String.class).single())
                .isEqualTo("2,5,5,2,0,0,null,null,null,null,null,null,null,2,2,5,5,2,5,0,2,5,0");
    }

    /**
     * A BAM's 23 answers: ratings 2 for items 1, 8, 9, 12 and 15; these days for items 2 and 3 (sleep,
     * mood), 4 and 5 (alcohol, heavy drinking), 6 (any drug, with 7A-7G skipped when 0 and all
     * marijuana otherwise), 10, 11, 13 and 16 (all {@code other}); item 14 as given.
     */
    private static String bam(int sleep, int mood, int alcohol, int heavy, int drugs, int other, int income) {
        String drugDays = drugs == 0 ? "null, ".repeat(7) : drugs + ", " + "0, ".repeat(6);
        return "[2, " + sleep + ", " + mood + ", " + alcohol + ", " + (alcohol == 0 ? "null" : heavy) + ", " + drugs
                + ", " + drugDays + "2, 2, " + other + ", " + other + ", 2, " + other + ", " + income + ", 2, " + other
                + ", 0]";
    }

    @Test
    void drugScreen_isStoredWithItsSubstances() {
        Api.Reply reply = team.ingest().post("/api/v1/screenings", screening("\"instrument\": \"DRUG_SCREEN\", "
                + "\"positive\": true, \"substances\": [\"opioids\"]"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("scores").path("positive").asBoolean()).isTrue();
        assertThat(reply.body()).doesNotContain("opioids");
        assertThat(jdbc.sql("SELECT substances[1] FROM screening WHERE participant_id = :p")
                .param("p", participant).query(String.class).single()).isEqualTo("opioids");
    }

    @Test
    void drugScreen_withoutSayingWhetherConfirmed_isReadAsConfirmed() {
        Api.Reply unsaid = team.ingest().post("/api/v1/screenings", screening("\"instrument\": \"DRUG_SCREEN\", "
                + "\"positive\": true"));
        Api.Reply presumptive = team.ingest().post("/api/v1/screenings", "{\"participantId\": \"" + participant
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
                Arguments.of("BAM day count above 30", "items[1]",
                        "\"instrument\": \"BAM\", \"items\": " + bam(31, 5, 2, 0, 0, 5, 4)),
                Arguments.of("BAM rating above 4", "items[0]",
                        "\"instrument\": \"BAM\", \"items\": " + bam(5, 5, 2, 0, 0, 5, 4).replaceFirst("2", "5")),
                Arguments.of("BAM item 14 neither no nor yes", "items[19]",
                        "\"instrument\": \"BAM\", \"items\": " + bam(5, 5, 2, 0, 0, 5, 2)),
                Arguments.of("BAM heavy drinking days above days of any alcohol", "items[4]",
                        "\"instrument\": \"BAM\", \"items\": " + bam(5, 5, 2, 3, 0, 5, 4)),
                Arguments.of("BAM heavy drinking left out after days of alcohol", "items[4]",
                        "\"instrument\": \"BAM\", \"items\": " + bam(5, 5, 2, 0, 0, 5, 4)
                                .replaceFirst("2, 0, 0, null", "2, null, 0, null")),
                Arguments.of("BAM marijuana days above days of any drug", "items[6]",
                        "\"instrument\": \"BAM\", \"items\": " + bam(5, 5, 0, 0, 3, 5, 4)
                                .replace(", 3, 3, 0,", ", 3, 4, 0,")),
                Arguments.of("BAM item 7B answered after 0 days of any drug", "items[7]",
                        "\"instrument\": \"BAM\", \"items\": " + bam(5, 5, 2, 0, 0, 5, 4)
                                .replaceFirst("null, null, null", "null, 0, null")),
                Arguments.of("BAM drugs by name left out after days of any drug", "items[6]",
                        "\"instrument\": \"BAM\", \"items\": " + bam(5, 5, 0, 0, 3, 5, 4)
                                .replace(", 3, 3, 0,", ", 3, null, 0,")),
                Arguments.of("BAM with the 17 answers of the old form", "items",
                        "\"instrument\": \"BAM\", \"items\": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]"),
                Arguments.of("PHQ-9 saying it was confirmed", "confirmed",
                        "\"instrument\": \"PHQ9\", \"items\": [0, 0, 0, 0, 0, 0, 0, 0, 0], \"confirmed\": true"),
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
        Api.Reply reply = team.ingest().post("/api/v1/screenings", screening(fields));

        assertInvalidField(reply, field);
        assertThat(jdbc.sql("SELECT count(*) FROM screening WHERE participant_id = :p").param("p", participant)
                .query(Integer.class).single()).isZero();
    }

    private String screening(String fields) {
        return "{\"participantId\": \"" + participant + "\", \"recordedAt\": \""
                + Fixtures.ago(1, ChronoUnit.HOURS) + "\", " + fields + "}";
    }
}

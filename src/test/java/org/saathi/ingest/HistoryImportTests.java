package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.CareTeam;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * History imports through the API, oldest first, as an integration loads a programme: 45 days of
 * stable participants, by single posts and by batch, leave no alerts about moments that are over,
 * and a PHQ-9 answering item 9 in the history is still CRITICAL in the request that brings it.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryImportTests {

    static final int DAYS = 45;

    @LocalServerPort
    int port;

    @Autowired
    EvaluationSweep sweep;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    CareTeam team;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        team = CareTeam.of(fixtures);
    }

    @AfterEach
    void backToNow() {
        clock.reset();
        jdbc.sql("DELETE FROM sweep_mark").update();
    }

    @Test
    void importingStableHistoriesOldestFirstLeavesAtMostOneOpenAlertPerTenParticipants() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Random random = new Random(13);
        List<String> stable = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            stable.add(team.participant());
        }
        // Half post one fact at a time, oldest first; the other half come in one batch, oldest first.
        for (String participant : stable.subList(0, 6)) {
            for (Instant at : days(now, random, stable.indexOf(participant) % 3 == 0)) {
                Api.Reply reply = team.ingest().post("/api/v1/check-ins", checkIn(participant, at, random));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            }
            for (int week = DAYS / 7; week >= 0; week--) {
                team.ingest().post("/api/v1/attendance", """
                        {"participantId": "%s", "sessionId": "%s", "sessionType": "GROUP_THERAPY", "scheduledAt": "%s",
                         "status": "ATTENDED"}""".formatted(participant, Fixtures.uniqueId("S"),
                        now.minus(Duration.ofDays(7L * week + 1))));
            }
        }
        List<String> items = new ArrayList<>();
        for (int day = DAYS; day >= 0; day--) {
            for (String participant : stable.subList(6, 12)) {
                Instant at = now.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(90 + random.nextInt(120)));
                if (!(stable.indexOf(participant) % 3 == 0 && weekend(at)) || day == 0) {
                    items.add(checkIn(participant, at, random));
                }
            }
        }
        Api.Reply batch = team.ingest().post("/api/v1/check-ins/batch",
                "{\"items\": [" + String.join(",", items) + "]}");
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("rejected").asInt()).isZero();

        // the sweep judges them once the import has been quiet
        clock.advance(Duration.ofMinutes(16));
        sweep.sweepRound();

        List<String> open = alerts(stable, "status IN ('OPEN', 'ACKNOWLEDGED')");
        List<String> raised = alerts(stable, "true");
        System.out.printf("History import of %d stable participants over %d days: %d open alerts after it (%.2f per "
                + "ten participants), %d raised in all: %s%n", stable.size(), DAYS, open.size(),
                open.size() * 10.0 / stable.size(), raised.size(), raised);
        assertThat(open.size()).as("open alerts: %s", open).isLessThanOrEqualTo(stable.size() / 10);
        // nor were staff told about moments that were over, mid-import
        assertThat(raised.size()).as("alerts raised: %s", raised).isLessThanOrEqualTo(stable.size() / 10);
    }

    @Test
    void aPhq9AnsweringItem9InAnImportedHistoryIsCriticalInTheSameRequest() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String participant = team.participant();
        Random random = new Random(9);
        for (Instant at : days(now, random, false)) {
            team.ingest().post("/api/v1/check-ins", checkIn(participant, at, random));
            if (at.isAfter(now.minus(Duration.ofDays(20))) && at.isBefore(now.minus(Duration.ofDays(19)))) {
                Api.Reply screening = team.ingest().post("/api/v1/screenings", """
                        {"participantId": "%s", "instrument": "PHQ9", "recordedAt": "%s",
                         "items": [1, 1, 1, 0, 0, 1, 0, 0, 1]}""".formatted(participant, at.plusSeconds(600)));
                assertThat(screening.status()).as(screening.toString()).isEqualTo(201);
                JsonNode alert = screening.json().path("alerts").get(0);
                assertThat(alert.path("ruleId").asString()).isEqualTo("SCR-001");
                assertThat(alert.path("severity").asString()).isEqualTo("CRITICAL");
            }
        }
        assertThat(alerts(List.of(participant), "severity = 'CRITICAL' AND status = 'OPEN'")).hasSize(1);
    }

    @Test
    void oneLateLabResultPausesNoSilence() {
        String participant = team.participant();
        checkInNow(participant);
        clock.advance(Duration.ofHours(50));
        labScreen(participant, Duration.ofHours(48));

        sweep.sweepRound();

        assertThat(alerts(List.of(participant), "rule_id = 'GAP-001' AND status = 'OPEN'"))
                .as("the silence is still seen").hasSize(1);
    }

    @Test
    void threeLateFactsWithinTheQuietPeriodAreAnImportAndPauseTheSweep() {
        String participant = team.participant();
        checkInNow(participant);
        clock.advance(Duration.ofHours(50));
        labScreen(participant, Duration.ofHours(48));
        labScreen(participant, Duration.ofHours(40));
        labScreen(participant, Duration.ofHours(30));

        sweep.sweepRound();
        assertThat(alerts(List.of(participant), "rule_id = 'GAP-001'")).as("still importing").isEmpty();

        clock.advance(Duration.ofMinutes(16));
        jdbc.sql("DELETE FROM sweep_mark").update();
        sweep.sweepRound();
        assertThat(alerts(List.of(participant), "rule_id = 'GAP-001' AND status = 'OPEN'"))
                .as("once the import is quiet").hasSize(1);
    }

    private void checkInNow(String participant) {
        Api.Reply reply = team.ingest().post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 1, "mood": 7}"""
                .formatted(participant, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    /** A negative drug screen from the laboratory, of a sample taken {@code before} now. */
    private void labScreen(String participant, Duration before) {
        Api.Reply reply = team.ingest().post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "DRUG_SCREEN", "recordedAt": "%s", "positive": false}"""
                .formatted(participant, clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(before)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    /** One moment a day from {@code DAYS} days ago to today, each a morning's check-in, oldest first. */
    private static List<Instant> days(Instant now, Random random, boolean weekdaysOnly) {
        List<Instant> days = new ArrayList<>();
        for (int day = DAYS; day >= 0; day--) {
            Instant at = now.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(90 + random.nextInt(120)));
            if (!weekdaysOnly || !weekend(at) || day == 0) {
                days.add(at);
            }
        }
        return days;
    }

    private static boolean weekend(Instant at) {
        java.time.DayOfWeek day = at.atZone(java.time.ZoneOffset.UTC).getDayOfWeek();
        return day == java.time.DayOfWeek.SATURDAY || day == java.time.DayOfWeek.SUNDAY;
    }

    private static String checkIn(String participant, Instant at, Random random) {
        return """
                {"participantId": "%s", "recordedAt": "%s", "craving": %d, "mood": %d, "sleepHours": %d}"""
                .formatted(participant, at, random.nextInt(3), 6 + random.nextInt(3), 6 + random.nextInt(3));
    }

    private List<String> alerts(List<String> participants, String where) {
        return jdbc.sql("SELECT rule_id || ' ' || severity || ' ' || status FROM alert WHERE participant_id = ANY (:p) AND "
                        + where)
                .param("p", participants.toArray(String[]::new)).query(String.class).list().stream()
                .sorted().collect(Collectors.toList());
    }
}

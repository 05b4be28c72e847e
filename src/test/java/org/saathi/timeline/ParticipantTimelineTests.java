package org.saathi.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A participant's facts, signals and alert events on one timeline, for the staff who look after them. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipantTimelineTests {

    @LocalServerPort
    int port;

    Fixtures fixtures;
    Api ingest;
    String mentor;
    String counsellor;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @Test
    void factsSignalsAndAlertEventsComeInTimeOrderWithTheirValues() {
        String participant = fixtures.participant(mentor, counsellor, true);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode craving = posted("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 4, "sleepHours": 5.5,
                 "triggers": ["payday"], "note": "Argument at home"}""".formatted(participant, now.minus(6, ChronoUnit.HOURS)));
        String alert = craving.path("alerts").get(0).path("id").asString();
        post("/api/v1/attendance", """
                {"participantId": "%s", "sessionId": "S-7", "sessionType": "GROUP_THERAPY", "scheduledAt": "%s",
                 "status": "LATE"}""".formatted(participant, now.minus(5, ChronoUnit.HOURS)));
        post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "PHQ9", "recordedAt": "%s", "items": [1, 1, 1, 1, 1, 1, 1, 1, 0]}"""
                .formatted(participant, now.minus(4, ChronoUnit.HOURS)));
        post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "BAM", "recordedAt": "%s",
                 "items": [1, 2, 2, 0, null, 0, null, null, null, null, null, null, null, 1, 2, 10, 2, 3, 10, 4, 1, 10, 0]}"""
                .formatted(participant, now.minus(3, ChronoUnit.HOURS)));
        post("/api/v1/screenings", """
                {"participantId": "%s", "instrument": "DRUG_SCREEN", "recordedAt": "%s", "positive": false}"""
                .formatted(participant, now.minus(2, ChronoUnit.HOURS)));
        post("/api/v1/peer-concerns", """
                {"participantId": "%s", "reportedBy": "peer-9", "observedAt": "%s", "level": "LOW",
                 "category": "ISOLATION", "note": "Quiet at the meeting"}""".formatted(participant, now.minus(1, ChronoUnit.HOURS)));
        fixtures.as(counsellor).post("/api/v1/alerts/" + alert + "/acknowledge", "{\"note\": \"Called\"}");
        // Recorded a moment ahead (within the accepted clock drift): it comes after the alert events.
        String later = post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 7}"""
                .formatted(participant, Instant.now().plus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)));

        Api.Reply reply = timeline(participant, "?to=" + now.plus(1, ChronoUnit.HOURS));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode items = reply.json().path("items");
        assertThat(labels(items)).containsExactly("CHECK_IN", "ATTENDANCE", "PHQ9", "BAM", "DRUG_SCREEN",
                "PEER_CONCERN", "SIGNAL CHK-001 RAISED", "SIGNAL PEER-001 RAISED", "ALERT CHK-001 ACKNOWLEDGED",
                "CHECK_IN");
        assertThat(times(items)).isSorted();
        JsonNode checkIn = items.get(0);
        assertThat(checkIn.path("id").asString()).isEqualTo(craving.path("id").asString());
        assertThat(checkIn.path("at").asString()).isEqualTo(now.minus(6, ChronoUnit.HOURS).toString());
        assertThat(checkIn.path("values").path("craving").asInt()).isEqualTo(9);
        assertThat(checkIn.path("values").path("mood").asInt()).isEqualTo(4);
        assertThat(checkIn.path("values").path("sleepHours").asDouble()).isEqualTo(5.5);
        assertThat(checkIn.path("values").path("triggers").get(0).asString()).isEqualTo("payday");
        assertThat(checkIn.path("values").path("note").asString()).isEqualTo("Argument at home");
        JsonNode attendance = items.get(1).path("values");
        assertThat(attendance.path("sessionId").asString()).isEqualTo("S-7");
        assertThat(attendance.path("sessionType").asString()).isEqualTo("GROUP_THERAPY");
        assertThat(attendance.path("status").asString()).isEqualTo("LATE");
        JsonNode phq9 = items.get(2).path("values");
        assertThat(phq9.path("items").size()).isEqualTo(9);
        assertThat(phq9.path("scores").path("total").asInt()).isEqualTo(8);
        assertThat(phq9.path("scores").path("severity").asString()).isEqualTo("MILD");
        JsonNode bam = items.get(3).path("values").path("scores");
        assertThat(bam.path("use").asInt()).isZero();
        assertThat(bam.path("risk").asInt()).isEqualTo(6);
        assertThat(bam.path("protective").asInt()).isEqualTo(18);
        assertThat(items.get(3).path("values").path("answers").asString())
                .contains("2: 2 nights").contains("5: skipped").contains("14: yes");
        assertThat(items.get(4).path("values").path("positive").asBoolean(true)).isFalse();
        JsonNode concern = items.get(5).path("values");
        assertThat(concern.path("level").asString()).isEqualTo("LOW");
        assertThat(concern.path("category").asString()).isEqualTo("ISOLATION");
        assertThat(concern.path("reportedBy").asString()).isEqualTo("peer-9");
        JsonNode signal = items.get(6);
        assertThat(signal.path("id").asString()).isEqualTo(alert);
        assertThat(signal.path("values").path("severity").asString()).isEqualTo("WATCH");
        assertThat(signal.path("values").path("ruleName").asString()).isEqualTo("CHK-001 High craving");
        assertThat(items.get(8).path("id").asString()).isEqualTo(alert);
        assertThat(items.get(9).path("id").asString()).isEqualTo(later);
        assertThat(reply.json().path("truncated").asBoolean(true)).isFalse();
    }

    @Test
    void withoutAPeriodTheLast28DaysAreShown() {
        String participant = fixtures.participant(mentor, counsellor, true);
        String old = checkIn(participant, Instant.now().minus(Duration.ofDays(28)).minus(Duration.ofHours(1)));
        String recent = checkIn(participant, Instant.now().minus(Duration.ofDays(27)));

        Api.Reply reply = timeline(participant, "");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> checkIns = idsOf(reply.json().path("items"), "CHECK_IN");
        assertThat(checkIns).containsExactly(recent).doesNotContain(old);
        Instant from = Instant.parse(reply.json().path("from").asString());
        Instant to = Instant.parse(reply.json().path("to").asString());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(28));
        assertThat(Duration.between(to, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aPeriodIncludesItsStartAndExcludesItsEnd() {
        String participant = fixtures.participant(mentor, counsellor, true);
        Instant first = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        Instant second = first.plus(Duration.ofDays(1));
        String atStart = checkIn(participant, first);
        checkIn(participant, second);
        checkIn(participant, first.minusSeconds(1));

        Api.Reply reply = timeline(participant, "?from=" + first + "&to=" + second);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(idsOf(reply.json().path("items"), "CHECK_IN")).containsExactly(atStart);
        assertThat(reply.json().path("from").asString()).isEqualTo(first.toString());
        assertThat(reply.json().path("to").asString()).isEqualTo(second.toString());
    }

    @Test
    void badFromOrToNamesTheField() {
        String participant = fixtures.participant(mentor, counsellor, true);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertInvalidField(timeline(participant, "?from=last-tuesday"), "from");
        assertInvalidField(timeline(participant, "?to=2026-13-45T99:00:00Z"), "to");
        assertInvalidField(timeline(participant, "?from=" + now + "&to=" + now.minus(Duration.ofDays(1))), "from");
        assertInvalidField(timeline(participant, "?from=" + now + "&to=" + now), "from");
    }

    @Test
    void aPeriodOfMoreThan366DaysIsRefused() {
        String participant = fixtures.participant(mentor, counsellor, true);
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Api.Reply tooLong = timeline(participant, "?from=" + to.minus(Duration.ofDays(367)) + "&to=" + to);
        Api.Reply justLongEnough = timeline(participant, "?from=" + to.minus(Duration.ofDays(366)) + "&to=" + to);
        Api.Reply fromLongAgo = timeline(participant, "?from=" + to.minus(Duration.ofDays(400)));

        assertInvalidField(tooLong, "from");
        assertThat(justLongEnough.status()).as(justLongEnough.toString()).isEqualTo(200);
        assertInvalidField(fromLongAgo, "from");
    }

    private Api.Reply timeline(String participant, String query) {
        return fixtures.as(counsellor).get("/api/v1/participants/" + participant + "/timeline" + query);
    }

    private String post(String path, String json) {
        return posted(path, json).path("id").asString();
    }

    private JsonNode posted(String path, String json) {
        Api.Reply reply = ingest.post(path, json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private String checkIn(String participant, Instant at) {
        return post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 2, "mood": 7}"""
                .formatted(participant, at.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** Each item as its type, and for signals and alert events the rule and what happened. */
    private static List<String> labels(JsonNode items) {
        List<String> labels = new ArrayList<>();
        items.forEach(item -> {
            String type = item.path("type").asString();
            labels.add(type.equals("SIGNAL") || type.equals("ALERT")
                    ? type + " " + item.path("values").path("ruleId").asString() + " "
                            + item.path("values").path("action").asString()
                    : type);
        });
        return labels;
    }

    private static List<Instant> times(JsonNode items) {
        List<Instant> times = new ArrayList<>();
        items.forEach(item -> times.add(Instant.parse(item.path("at").asString())));
        return times;
    }

    private static List<String> idsOf(JsonNode items, String type) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> {
            if (item.path("type").asString().equals(type)) {
                ids.add(item.path("id").asString());
            }
        });
        return ids;
    }
}

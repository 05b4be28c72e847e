package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint that answers or changes a participant's data, for every kind of staff member:
 * within their caseload it works; outside it the participant or alert is not found, in the same
 * words as one that does not exist, and nothing changes. Programme A's supervisor and admin see
 * all of programme A and nothing of programme B.
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseloadAccessTests {

    private static final String DISPLAY_NAME = "Meera Kulkarni";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Api ingest;
    String programmeA;
    String programmeB;
    String mentor;
    String counsellor;
    String supervisor;
    String admin;
    String otherMentor;
    String otherCounsellor;
    String mentorB;
    String counsellorB;

    /** A staff member of programme A, a participant in their caseload, and one just outside it. */
    record Seat(String description, String staffId, Supplier<String> inside, Supplier<String> outside) {

        @Override
        public String toString() {
            return description;
        }
    }

    @BeforeAll
    void setUpTwoProgrammes() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        programmeA = fixtures.programme();
        programmeB = fixtures.programme();
        mentor = fixtures.staffIn(programmeA, "PEER_MENTOR");
        counsellor = fixtures.staffIn(programmeA, "COUNSELLOR");
        supervisor = fixtures.staffIn(programmeA, "SUPERVISOR");
        admin = fixtures.staffIn(programmeA, "ADMIN");
        otherMentor = fixtures.staffIn(programmeA, "PEER_MENTOR");
        otherCounsellor = fixtures.staffIn(programmeA, "COUNSELLOR");
        mentorB = fixtures.staffIn(programmeB, "PEER_MENTOR");
        counsellorB = fixtures.staffIn(programmeB, "COUNSELLOR");
    }

    Stream<Seat> everyone() {
        return Stream.of(
                new Seat("peer mentor, another mentor's participant", mentor,
                        () -> inA(mentor, otherCounsellor, true), () -> inA(otherMentor, otherCounsellor, true)),
                new Seat("peer mentor, own participant without consent", mentor,
                        () -> inA(mentor, otherCounsellor, true), () -> inA(mentor, otherCounsellor, false)),
                new Seat("counsellor, another counsellor's participant", counsellor,
                        () -> inA(otherMentor, counsellor, true), () -> inA(otherMentor, otherCounsellor, true)),
                new Seat("supervisor of A, participant of B", supervisor,
                        () -> inA(otherMentor, otherCounsellor, true), this::inB),
                new Seat("admin of A, participant of B", admin,
                        () -> inA(otherMentor, otherCounsellor, true), this::inB));
    }

    /** Those whose role lets them resolve and snooze. */
    Stream<Seat> counsellorsAndSupervisors() {
        return everyone().filter(seat -> seat.staffId().equals(counsellor) || seat.staffId().equals(supervisor));
    }

    // --- reading

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyone")
    void participantRecordIsFoundOnlyInTheCaseload(Seat seat) {
        String inside = seat.inside().get();
        String outside = seat.outside().get();
        Api staff = fixtures.as(seat.staffId());

        Api.Reply own = staff.get("/api/v1/participants/" + inside);
        Api.Reply foreign = staff.get("/api/v1/participants/" + outside);

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("displayName").asString()).isEqualTo(DISPLAY_NAME);
        String absent = Fixtures.uniqueId("P");
        assertHidden(foreign, outside, staff.get("/api/v1/participants/" + absent), absent);
        assertNotAudited(seat.staffId(), outside);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyone")
    void timelineIsFoundOnlyInTheCaseload(Seat seat) {
        String inside = seat.inside().get();
        String outside = seat.outside().get();
        String ownAlert = watch(inside);
        watch(outside);
        Api staff = fixtures.as(seat.staffId());

        Api.Reply own = staff.get("/api/v1/participants/" + inside + "/timeline");
        Api.Reply foreign = staff.get("/api/v1/participants/" + outside + "/timeline");

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(ids(own.json().path("items"))).contains(ownAlert);
        String absent = Fixtures.uniqueId("P");
        assertHidden(foreign, outside, staff.get("/api/v1/participants/" + absent + "/timeline"), absent);
        assertNotAudited(seat.staffId(), outside);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyone")
    void alertListShowsOnlyTheCaseload(Seat seat) {
        String inside = seat.inside().get();
        String outside = seat.outside().get();
        String ownAlert = watch(inside);
        String foreignAlert = watch(outside);
        Api staff = fixtures.as(seat.staffId());

        Api.Reply all = staff.get("/api/v1/alerts?size=200");
        Api.Reply ownOnly = staff.get("/api/v1/alerts?participantId=" + inside);
        Api.Reply foreignOnly = staff.get("/api/v1/alerts?participantId=" + outside);

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        // The foreign alert is newer than the own one, so it would be listed above it.
        assertThat(ids(all.json().path("items"))).contains(ownAlert).doesNotContain(foreignAlert);
        assertThat(all.body()).doesNotContain(outside);
        assertThat(ids(ownOnly.json().path("items"))).containsExactly(ownAlert);
        assertThat(foreignOnly.status()).as(foreignOnly.toString()).isEqualTo(200);
        assertThat(foreignOnly.json().path("items").isEmpty()).as(foreignOnly.body()).isTrue();
        assertThat(foreignOnly.json().path("total").asLong()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyone")
    void alertDetailIsFoundOnlyInTheCaseload(Seat seat) {
        String ownAlert = watch(seat.inside().get());
        String outside = seat.outside().get();
        String foreignAlert = watch(outside);
        Api staff = fixtures.as(seat.staffId());

        Api.Reply own = staff.get("/api/v1/alerts/" + ownAlert);
        Api.Reply foreign = staff.get("/api/v1/alerts/" + foreignAlert);

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("id").asString()).isEqualTo(ownAlert);
        String absent = UUID.randomUUID().toString();
        assertHidden(foreign, foreignAlert, staff.get("/api/v1/alerts/" + absent), absent);
        assertThat(foreign.body()).doesNotContain(outside);
        assertNotAudited(seat.staffId(), outside);
    }

    // --- changing

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyone")
    void acknowledgesOnlyInTheCaseload(Seat seat) {
        String ownAlert = watch(seat.inside().get());
        String outside = seat.outside().get();
        String foreignAlert = watch(outside);
        Api staff = fixtures.as(seat.staffId());
        int historyBefore = historyOf(foreignAlert);

        Api.Reply own = staff.post("/api/v1/alerts/" + ownAlert + "/acknowledge", "{\"note\": \"On it\"}");
        Api.Reply foreign = staff.post("/api/v1/alerts/" + foreignAlert + "/acknowledge", "{\"note\": \"On it\"}");

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("status").asString()).isEqualTo("ACKNOWLEDGED");
        String absent = UUID.randomUUID().toString();
        assertHidden(foreign, foreignAlert, staff.post("/api/v1/alerts/" + absent + "/acknowledge", "{}"), absent);
        assertUnchanged(foreignAlert, historyBefore);
        assertNotAudited(seat.staffId(), outside);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counsellorsAndSupervisors")
    void resolvesOnlyInTheCaseload(Seat seat) {
        String ownAlert = watch(seat.inside().get());
        String outside = seat.outside().get();
        String foreignAlert = watch(outside);
        Api staff = fixtures.as(seat.staffId());
        int historyBefore = historyOf(foreignAlert);
        String resolution = "{\"outcome\": \"FALSE_ALARM\", \"note\": \"Misread the scale\"}";

        Api.Reply own = staff.post("/api/v1/alerts/" + ownAlert + "/resolve", resolution);
        Api.Reply foreign = staff.post("/api/v1/alerts/" + foreignAlert + "/resolve", resolution);

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("status").asString()).isEqualTo("RESOLVED");
        String absent = UUID.randomUUID().toString();
        assertHidden(foreign, foreignAlert, staff.post("/api/v1/alerts/" + absent + "/resolve", resolution), absent);
        assertUnchanged(foreignAlert, historyBefore);
        assertNotAudited(seat.staffId(), outside);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counsellorsAndSupervisors")
    void snoozesOnlyInTheCaseload(Seat seat) {
        String ownAlert = watch(seat.inside().get());
        String outside = seat.outside().get();
        String foreignAlert = watch(outside);
        Api staff = fixtures.as(seat.staffId());
        int historyBefore = historyOf(foreignAlert);
        String snooze = "{\"until\": \"" + Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)
                + "\", \"reason\": \"Away with family\"}";

        Api.Reply own = staff.post("/api/v1/alerts/" + ownAlert + "/snooze", snooze);
        Api.Reply foreign = staff.post("/api/v1/alerts/" + foreignAlert + "/snooze", snooze);

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("handling").path("snoozedUntil").asString()).isNotEmpty();
        String absent = UUID.randomUUID().toString();
        assertHidden(foreign, foreignAlert, staff.post("/api/v1/alerts/" + absent + "/snooze", snooze), absent);
        assertUnchanged(foreignAlert, historyBefore);
        assertThat(count("SELECT count(*) FROM snooze WHERE participant_id = :p", outside)).isZero();
        assertNotAudited(seat.staffId(), outside);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyone")
    void reportsPeerConcernsOnlyInTheCaseload(Seat seat) {
        String inside = seat.inside().get();
        String outside = seat.outside().get();
        Api staff = fixtures.as(seat.staffId());

        Api.Reply own = staff.post("/api/v1/peer-concerns", concern(inside));
        Api.Reply foreign = staff.post("/api/v1/peer-concerns", concern(outside));

        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(count("SELECT count(*) FROM peer_concern WHERE participant_id = :p", inside)).isOne();
        String absent = Fixtures.uniqueId("P");
        assertHidden(foreign, outside, staff.post("/api/v1/peer-concerns", concern(absent)), absent);
        assertThat(count("SELECT count(*) FROM peer_concern WHERE participant_id = :p", outside)).isZero();
        assertThat(count("SELECT count(*) FROM alert WHERE participant_id = :p", outside)).isZero();
    }

    // --- the caseload follows the roster

    @Test
    void aParticipantMovedToAnotherProgrammeTakesTheirAlertsAlong() {
        String supervisorB = fixtures.staffIn(programmeB, "SUPERVISOR");
        String moving = inA(otherMentor, otherCounsellor, true);
        String alert = watch(moving);

        Api.Reply moved = fixtures.admin().put("/api/v1/participants/" + moving, """
                {"displayName": "%s", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s",
                 "consent": {"shareWithPeerMentor": true}}""".formatted(DISPLAY_NAME, programmeB, mentorB, counsellorB));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        Api before = fixtures.as(supervisor);
        Api after = fixtures.as(supervisorB);
        assertProblem(before.get("/api/v1/participants/" + moving), 404);
        assertProblem(before.get("/api/v1/alerts/" + alert), 404);
        assertThat(ids(before.get("/api/v1/alerts?participantId=" + moving).json().path("items"))).isEmpty();
        assertProblem(before.post("/api/v1/alerts/" + alert + "/acknowledge", "{}"), 404);
        assertThat(after.get("/api/v1/participants/" + moving).status()).isEqualTo(200);
        assertThat(after.get("/api/v1/alerts/" + alert).status()).isEqualTo(200);
        assertThat(ids(after.get("/api/v1/alerts?participantId=" + moving).json().path("items")))
                .containsExactly(alert);
    }

    // --- helpers

    /**
     * A 404 worded exactly like the answer about something that does not exist (but for the id
     * asked for), so that it tells nothing about the participant.
     */
    private void assertHidden(Api.Reply reply, String askedFor, Api.Reply absent, String absentId) {
        JsonNode problem = assertProblem(reply, 404);
        JsonNode nothing = assertProblem(absent, 404);
        assertThat(problem.path("type").asString()).isEqualTo(nothing.path("type").asString());
        assertThat(problem.path("title").asString()).isEqualTo(nothing.path("title").asString());
        assertThat(problem.path("detail").asString().replace(askedFor, absentId))
                .isEqualTo(nothing.path("detail").asString());
        assertThat(reply.body()).doesNotContain(DISPLAY_NAME).doesNotContain(otherMentor)
                .doesNotContain(otherCounsellor).doesNotContain(mentorB).doesNotContain(counsellorB);
    }

    private void assertUnchanged(String alert, int historyBefore) {
        assertThat(jdbc.sql("SELECT status FROM alert WHERE id = CAST(:id AS uuid)").param("id", alert)
                .query(String.class).single()).isEqualTo("OPEN");
        assertThat(historyOf(alert)).isEqualTo(historyBefore);
    }

    private void assertNotAudited(String staffId, String participantId) {
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = :actor AND participant_id = :p")
                .param("actor", staffId).param("p", participantId).query(Integer.class).single()).isZero();
    }

    private String inA(String peerMentorId, String counsellorId, boolean consent) {
        return participant(programmeA, peerMentorId, counsellorId, consent);
    }

    private String inB() {
        return participant(programmeB, mentorB, counsellorB, true);
    }

    private String participant(String programme, String peerMentorId, String counsellorId, boolean consent) {
        String id = Fixtures.uniqueId("P");
        Api.Reply reply = fixtures.admin().put("/api/v1/participants/" + id, """
                {"displayName": "%s", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s",
                 "consent": {"shareWithPeerMentor": %s}}"""
                .formatted(DISPLAY_NAME, programme, peerMentorId, counsellorId, consent));
        assertThat(reply.status()).as("create participant: %s", reply).isEqualTo(201);
        return id;
    }

    /** A check-in with craving 9 (CHK-001, WATCH); answers the alert it raised. */
    private String watch(String participant) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private static String concern(String participant) {
        return """
                {"participantId": "%s", "observedAt": "%s", "level": "MEDIUM", "note": "Missed work twice"}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS));
    }

    private int historyOf(String alert) {
        return jdbc.sql("SELECT count(*) FROM alert_history WHERE alert_id = CAST(:id AS uuid)").param("id", alert)
                .query(Integer.class).single();
    }

    private int count(String sql, String participant) {
        return jdbc.sql(sql).param("p", participant).query(Integer.class).single();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}

package org.saathi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.saathi.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The audit log: who looked at or changed what, readable by admins only, and never rewritten. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    Fixtures fixtures;
    Api ingest;
    String mentor;

    /** One row of audit_event, as stored. */
    record Row(String actor, String action, String participantId, String target, String channel,
            String remoteAddress) {
    }

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        mentor = fixtures.staff("PEER_MENTOR");
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    // --- what is recorded

    @Test
    void viewingAParticipantRecordIsRecorded() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);

        fixtures.as(counsellor).get("/api/v1/participants/" + participant);

        assertThat(rowsBy(counsellor)).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("PARTICIPANT_VIEWED");
            assertThat(row.participantId()).isEqualTo(participant);
            assertThat(row.target()).isNull();
            assertThat(row.channel()).isEqualTo("API");
            assertThat(row.remoteAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
    }

    @Test
    void viewingATimelineIsRecorded() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);

        fixtures.as(counsellor).get("/api/v1/participants/" + participant + "/timeline");

        assertThat(rowsBy(counsellor)).extracting(Row::actor, Row::action, Row::participantId, Row::target, Row::channel)
                .containsExactly(tuple(counsellor, "TIMELINE_VIEWED", participant, null, "API"));
    }

    @Test
    void listingAlertsIsRecordedWithTheParticipantsShownAndViewingOneWithItsAlert() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        String other = fixtures.participant(mentor, counsellor, true);
        String alert = watch(participant);
        watch(other);

        fixtures.as(counsellor).get("/api/v1/alerts");
        fixtures.as(counsellor).get("/api/v1/alerts/" + alert);

        assertThat(rowsBy(counsellor)).extracting(Row::actor, Row::action, Row::participantId, Row::target, Row::channel)
                .containsExactly(tuple(counsellor, "ALERTS_LISTED", null,
                                String.join(",", new java.util.TreeSet<>(List.of(participant, other))), "API"),
                        tuple(counsellor, "ALERT_VIEWED", participant, alert, "API"));
    }

    @Test
    void aListShowingNobodyLeavesNoRow() {
        String counsellor = fixtures.staff("COUNSELLOR");

        assertThat(fixtures.as(counsellor).get("/api/v1/alerts").status()).isEqualTo(200);

        assertThat(rowsBy(counsellor)).isEmpty();
    }

    @Test
    void searchingTheLogForAParticipantFindsTheListsThatShowedThem() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        watch(participant);

        fixtures.as(counsellor).get("/api/v1/alerts?participantId=" + participant);

        assertThat(actions(audit("?participantId=" + participant + "&actor=" + counsellor)))
                .containsExactly("ALERTS_LISTED");
    }

    @Test
    void alertChangesAreRecordedWithTheAlertAsTarget() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        String alert = watch(participant);
        Api staff = fixtures.as(counsellor);

        staff.post("/api/v1/alerts/" + alert + "/acknowledge", "{}");
        staff.post("/api/v1/alerts/" + alert + "/snooze", "{\"until\": \"" + Instant.now().plus(Duration.ofDays(1))
                + "\", \"reason\": \"Travelling\"}");
        staff.post("/api/v1/alerts/" + alert + "/resolve", "{\"outcome\": \"CONTACTED_STABLE\"}");

        assertThat(rowsBy(counsellor)).extracting(Row::action)
                .containsExactly("ALERT_ACKNOWLEDGED", "ALERT_SNOOZED", "ALERT_RESOLVED");
        assertThat(rowsBy(counsellor)).allSatisfy(row -> {
            assertThat(row.participantId()).isEqualTo(participant);
            assertThat(row.target()).isEqualTo(alert);
            assertThat(row.channel()).isEqualTo("API");
        });
    }

    @Test
    void aRefusedChangeLeavesNoRow() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String alert = watch(fixtures.participant(mentor, counsellor, true));
        Api staff = fixtures.as(counsellor);
        staff.post("/api/v1/alerts/" + alert + "/acknowledge", "{}");

        assertProblem(staff.post("/api/v1/alerts/" + alert + "/acknowledge", "{}"), 409);
        assertInvalidField(staff.post("/api/v1/alerts/" + alert + "/snooze", "{\"until\": \""
                + Instant.now().minus(Duration.ofHours(1)) + "\", \"reason\": \"Too late\"}"), "until");

        assertThat(rowsBy(counsellor)).extracting(Row::action).containsExactly("ALERT_ACKNOWLEDGED");
    }

    @Test
    void viewsOutsideTheCaseloadLeaveNoRow() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String stranger = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        String alert = watch(participant);
        Api staff = fixtures.as(stranger);

        assertProblem(staff.get("/api/v1/participants/" + participant), 404);
        assertProblem(staff.get("/api/v1/participants/" + participant + "/timeline"), 404);
        assertProblem(staff.get("/api/v1/alerts/" + alert), 404);
        assertProblem(staff.post("/api/v1/alerts/" + alert + "/acknowledge", "{}"), 404);

        assertThat(rowsBy(stranger)).isEmpty();
        assertThat(rowsAbout(participant)).extracting(Row::actor).doesNotContain(stranger);
    }

    @Test
    void keysAreRecordedByIdWhenCreatedAndRevoked() {
        Api.Reply created = fixtures.admin().post("/api/v1/api-keys",
                "{\"name\": \"attendance register\", \"scopes\": [\"ingest\"]}");
        String key = created.json().path("id").asString();
        fixtures.admin().delete("/api/v1/api-keys/" + key);

        assertThat(rowsFor(key)).extracting(Row::actor, Row::action, Row::participantId, Row::channel)
                .containsExactly(
                        tuple("admin", "API_KEY_CREATED", null, "API"),
                        tuple("admin", "API_KEY_REVOKED", null, "API"));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE position(:secret IN coalesce(target, '')) > 0")
                .param("secret", created.json().path("key").asString()).query(Integer.class).single()).isZero();
    }

    @Test
    void rosterChangesAreRecordedWithWhoMadeThem() {
        String staffId = fixtures.staff("COUNSELLOR");
        String programme = fixtures.programme();
        Api.Reply key = fixtures.admin().post("/api/v1/api-keys", "{\"name\": \"EHR\", \"scopes\": [\"roster\"]}");
        String participant = Fixtures.uniqueId("P");
        Api.Reply saved = fixtures.anonymous().bearer(key.json().path("key").asString())
                .put("/api/v1/participants/" + participant, """
                        {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s"}""".formatted(mentor, staffId));

        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        assertThat(rowsFor(staffId)).extracting(Row::actor, Row::action)
                .containsExactly(tuple("admin", "STAFF_SAVED"));
        assertThat(rowsFor(programme)).extracting(Row::actor, Row::action)
                .containsExactly(tuple("admin", "PROGRAMME_SAVED"));
        assertThat(rowsAbout(participant)).extracting(Row::actor, Row::action, Row::channel)
                .containsExactly(tuple(
                        "key:" + key.json().path("id").asString(), "PARTICIPANT_SAVED", "API"));

        String group = Fixtures.uniqueId("group");
        assertThat(fixtures.admin().put("/api/v1/groups/" + group, """
                {"name": "Tuesday circle", "type": "SUPPORT", "audience": "MIXED"}""").status()).isEqualTo(201);
        assertThat(rowsFor(group)).extracting(Row::actor, Row::action).containsExactly(tuple("admin", "GROUP_SAVED"));
    }

    @Test
    void reloadingRulesIsRecordedWithTheVersion() {
        Api.Reply reloaded = fixtures.admin().post("/api/v1/rules/reload", "{}");

        assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(200);
        String version = reloaded.json().path("version").asString();
        assertThat(rowsFor(version)).extracting(Row::actor, Row::action).contains(
                tuple("admin", "RULES_RELOADED"));
    }

    // --- reading the log

    @Test
    void auditLogIsForAdminsOnly() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String supervisor = fixtures.staff("SUPERVISOR");

        assertProblem(fixtures.as(counsellor).get("/api/v1/audit"), 403);
        assertProblem(fixtures.as(supervisor).get("/api/v1/audit"), 403);
        assertProblem(fixtures.integration("ingest", "roster").get("/api/v1/audit"), 403);
        assertProblem(fixtures.anonymous().get("/api/v1/audit"), 401);
        assertThat(fixtures.admin().get("/api/v1/audit").status()).isEqualTo(200);
    }

    @Test
    void listsNewestFirstAndFiltersByActorParticipantAndAction() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String first = fixtures.participant(mentor, counsellor, true);
        String second = fixtures.participant(mentor, counsellor, true);
        String alert = watch(first);
        Api staff = fixtures.as(counsellor);
        staff.get("/api/v1/participants/" + first);
        staff.get("/api/v1/participants/" + second);
        staff.get("/api/v1/alerts/" + alert);

        JsonNode byActor = audit("?actor=" + counsellor);
        JsonNode byParticipant = audit("?participantId=" + first);
        JsonNode byActorAndAction = audit("?actor=" + counsellor + "&action=PARTICIPANT_VIEWED");

        assertThat(actions(byActor)).containsExactly("ALERT_VIEWED", "PARTICIPANT_VIEWED", "PARTICIPANT_VIEWED");
        assertThat(byActor.path("total").asLong()).isEqualTo(3);
        JsonNode newest = byActor.path("items").get(0);
        assertThat(newest.path("id").asLong()).isPositive();
        assertThat(Instant.parse(newest.path("at").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(newest.path("actor").asString()).isEqualTo(counsellor);
        assertThat(newest.path("participantId").asString()).isEqualTo(first);
        assertThat(newest.path("target").asString()).isEqualTo(alert);
        assertThat(newest.path("channel").asString()).isEqualTo("API");
        assertThat(newest.path("remoteAddress").asString()).isNotBlank();
        assertThat(byActor.path("items").get(1).path("target").isNull()).as(byActor.toString()).isTrue();
        assertThat(participants(byParticipant)).isNotEmpty().containsOnly(first);
        assertThat(actions(byParticipant)).contains("PARTICIPANT_SAVED", "PARTICIPANT_VIEWED", "ALERT_VIEWED");
        assertThat(participants(byActorAndAction)).containsExactly(second, first);
    }

    @Test
    void filtersByTimeFromInclusiveToExclusive() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String earlier = fixtures.participant(mentor, counsellor, true);
        String later = fixtures.participant(mentor, counsellor, true);
        fixtures.as(counsellor).get("/api/v1/participants/" + earlier);
        Instant between = Instant.now().plus(Duration.ofMinutes(30));
        clock.advance(Duration.ofHours(1));
        fixtures.as(counsellor).get("/api/v1/participants/" + later);

        JsonNode from = audit("?actor=" + counsellor + "&from=" + between);
        JsonNode to = audit("?actor=" + counsellor + "&to=" + between);
        Instant laterAt = Instant.parse(from.path("items").get(0).path("at").asString());
        JsonNode fromExactly = audit("?actor=" + counsellor + "&from=" + laterAt);
        JsonNode toExactly = audit("?actor=" + counsellor + "&to=" + laterAt);

        assertThat(participants(from)).containsExactly(later);
        assertThat(participants(to)).containsExactly(earlier);
        assertThat(participants(fromExactly)).containsExactly(later);
        assertThat(participants(toExactly)).containsExactly(earlier);
    }

    @Test
    void pagesThroughTheLog() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        for (int i = 0; i < 3; i++) {
            fixtures.as(counsellor).get("/api/v1/participants/" + participant);
        }

        JsonNode page = audit("?actor=" + counsellor + "&page=1&size=2");

        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("items").size()).isOne();
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        Api admin = fixtures.admin();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertInvalidField(admin.get("/api/v1/audit?actor=" + "a".repeat(101)), "actor");
        assertInvalidField(admin.get("/api/v1/audit?participantId=bad%20id"), "participantId");
        assertInvalidField(admin.get("/api/v1/audit?action=PEEKED"), "action");
        assertInvalidField(admin.get("/api/v1/audit?from=yesterday"), "from");
        assertInvalidField(admin.get("/api/v1/audit?to=2026-02-30T25:00:00Z"), "to");
        assertInvalidField(admin.get("/api/v1/audit?from=" + now + "&to=" + now), "from");
        assertInvalidField(admin.get("/api/v1/audit?page=-1"), "page");
        assertInvalidField(admin.get("/api/v1/audit?page=first"), "page");
        assertInvalidField(admin.get("/api/v1/audit?size=0"), "size");
        assertInvalidField(admin.get("/api/v1/audit?size=201"), "size");
    }

    // --- append-only

    /** The service's database role may only add and read rows; the table's triggers stop its owner too. */
    @Test
    void rowsCannotBeChangedOrRemoved() {
        String counsellor = fixtures.staff("COUNSELLOR");
        String participant = fixtures.participant(mentor, counsellor, true);
        fixtures.as(counsellor).get("/api/v1/participants/" + participant);
        List<Row> before = rowsBy(counsellor);

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE actor = :actor")
                .param("actor", counsellor).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE actor = :actor")
                .param("actor", counsellor).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");

        assertThat(rowsBy(counsellor)).isEqualTo(before).hasSize(1);
    }

    // --- helpers

    /** A check-in with craving 9 (CHK-001, WATCH); answers the alert it raised. */
    private String watch(String participant) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 9, "mood": 6}"""
                .formatted(participant, Fixtures.ago(1, ChronoUnit.HOURS)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("alerts").get(0).path("id").asString();
    }

    private JsonNode audit(String query) {
        Api.Reply reply = fixtures.admin().get("/api/v1/audit" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private List<Row> rowsBy(String actor) {
        return rows("SELECT * FROM audit_event WHERE actor = :value ORDER BY id", actor);
    }

    private List<Row> rowsAbout(String participantId) {
        return rows("SELECT * FROM audit_event WHERE participant_id = :value ORDER BY id", participantId);
    }

    private List<Row> rowsFor(String target) {
        return rows("SELECT * FROM audit_event WHERE target = :value ORDER BY id", target);
    }

    private List<Row> rows(String sql, String value) {
        return jdbc.sql(sql).param("value", value)
                .query((rs, row) -> new Row(rs.getString("actor"), rs.getString("action"),
                        rs.getString("participant_id"), rs.getString("target"), rs.getString("channel"),
                        rs.getString("remote_address")))
                .list();
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.path("items").forEach(item -> actions.add(item.path("action").asString()));
        return actions;
    }

    private static List<String> participants(JsonNode page) {
        List<String> participants = new ArrayList<>();
        page.path("items").forEach(item -> participants.add(item.path("participantId").asString()));
        return participants;
    }
}

package org.saathi.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.testing.Problems.assertInvalidField;

import java.time.DayOfWeek;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The optional check-in schedule a programme gives a participant, and what evaluation learns of it. */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInScheduleTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Roster roster;

    Fixtures fixtures;
    Api admin;
    String mentor;
    String counsellor;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        admin = fixtures.admin();
        mentor = fixtures.staff("PEER_MENTOR");
        counsellor = fixtures.staff("COUNSELLOR");
    }

    @Test
    void givenDaysAreKeptInWeekOrderAndReachEvaluation() {
        String id = Fixtures.uniqueId("P");

        Api.Reply created = put(id, "\"checkInSchedule\": [\"FRI\", \"MON\", \"WED\"]");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("checkInSchedule").toString()).isEqualTo("[\"MON\",\"WED\",\"FRI\"]");
        assertThat(admin.get("/api/v1/participants/" + id).json().path("checkInSchedule").toString())
                .isEqualTo("[\"MON\",\"WED\",\"FRI\"]");
        assertThat(column(id)).isEqualTo("MON,WED,FRI");
        ParticipantContext context = roster.context(id).orElseThrow();
        assertThat(context.checkInSchedule().orElseThrow().days())
                .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(context.timezone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    @Test
    void weekdaysAndDailyAreSaidByName() {
        String id = Fixtures.uniqueId("P");

        assertThat(put(id, "\"checkInSchedule\": \"WEEKDAYS\"").json().path("checkInSchedule").asString())
                .isEqualTo("WEEKDAYS");
        assertThat(put(id, "\"checkInSchedule\": [\"SUN\", \"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\", \"SAT\"]")
                .json().path("checkInSchedule").asString()).isEqualTo("DAILY");
        assertThat(column(id)).isEqualTo("DAILY");
    }

    @Test
    void aSaveWithoutAScheduleLeavesTheDaysToBeLearned() {
        String id = Fixtures.uniqueId("P");
        put(id, "\"checkInSchedule\": \"WEEKDAYS\"");

        Api.Reply saved = put(id, "\"expectsDailyCheckIn\": true");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("checkInSchedule").isNull()).isTrue();
        assertThat(column(id)).isNull();
        assertThat(roster.context(id).orElseThrow().checkInSchedule()).isEmpty();
    }

    @Test
    void anOldClientsExpectsDailyCheckInFalseStillMeansNotExpectedToCheckIn() {
        String id = Fixtures.uniqueId("P");

        Api.Reply saved = put(id, "\"expectsDailyCheckIn\": false");

        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().path("expectsDailyCheckIn").asBoolean()).isFalse();
        assertThat(saved.json().path("checkInSchedule").isNull()).isTrue();
        assertThat(roster.context(id).orElseThrow().expectsDailyCheckIn()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"TWICE\"", "[]", "[\"MON\", \"MON\"]", "[\"Monday\"]", "[1, 2]", "3", "{\"MON\": true}"})
    void refusesAScheduleThatIsNotOneAndChangesNothing(String schedule) {
        String id = Fixtures.uniqueId("P");

        assertInvalidField(put(id, "\"checkInSchedule\": " + schedule), "checkInSchedule");
        assertThat(rows(id)).isZero();
    }

    @Test
    void refusesAScheduleForSomeoneNotExpectedToCheckIn() {
        String id = Fixtures.uniqueId("P");

        assertInvalidField(put(id, "\"expectsDailyCheckIn\": false, \"checkInSchedule\": \"DAILY\""),
                "checkInSchedule");
        assertThat(rows(id)).isZero();
    }

    @Test
    void evaluationCountsDaysInTheParticipantsOwnZoneWhenTheyHaveOne() {
        String programme = Fixtures.uniqueId("prog");
        admin.put("/api/v1/programmes/" + programme, "{\"name\": \"London\", \"timezone\": \"Europe/London\"}");
        String id = Fixtures.uniqueId("P");
        String mentorThere = fixtures.staffIn(programme, "PEER_MENTOR");
        String counsellorThere = fixtures.staffIn(programme, "COUNSELLOR");

        Api.Reply saved = admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s",
                 "timezone": "Asia/Kolkata"}""".formatted(programme, mentorThere, counsellorThere));

        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        assertThat(roster.context(id).orElseThrow().timezone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    private Api.Reply put(String id, String fields) {
        return admin.put("/api/v1/participants/" + id, """
                {"displayName": "R.", "peerMentorId": "%s", "counsellorId": "%s", %s}"""
                .formatted(mentor, counsellor, fields));
    }

    private String column(String id) {
        return jdbc.sql("SELECT check_in_schedule FROM participant WHERE id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
    }

    private int rows(String id) {
        return jdbc.sql("SELECT count(*) FROM participant WHERE id = :id").param("id", id).query(Integer.class)
                .single();
    }
}

package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saathi.alert.QualityHistory.Handling.raised;
import static org.saathi.alert.RuleQualityTests.quality;
import static org.saathi.alert.RuleQualityTests.row;
import static org.saathi.testing.Problems.assertInvalidField;
import static org.saathi.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.PageClient;
import org.saathi.testing.SaathiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What rule quality keeps to itself: periods too short or too finely cut to tell of one alert, a
 * rule whose alerts concern too few participants, callers who do not judge rules; and what counts
 * as a relapse (not a participant's own medication, not a presumptive screen).
 */
@SaathiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleQualityGuardTests {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    QualityHistory history;
    Api ingest;
    String programme;
    String supervisor;
    String mentor;
    String counsellor;
    Instant base;
    String period;

    @BeforeAll
    void setUp() {
        fixtures = new Fixtures(port);
        ingest = fixtures.integration("ingest");
        history = new QualityHistory(jdbc, fixtures, ingest);
        base = LocalDate.now(KOLKATA).minusDays(40).atTime(12, 0).atZone(KOLKATA).toInstant();
        period = "from=" + base.minus(Duration.ofDays(1)) + "&to=" + base.plus(Duration.ofDays(10));
        programme = fixtures.programme();
        supervisor = fixtures.staffIn(programme, "SUPERVISOR");
        mentor = fixtures.staffIn(programme, "PEER_MENTOR");
        counsellor = fixtures.staffIn(programme, "COUNSELLOR");
        screenedAlerts();
        List<String> two = List.of(participant(List.of()), participant(List.of()));
        for (int n = 0; n < 6; n++) {
            history.alert(two.get(n % 2), programme, raised("QB-002", "WATCH", base.plus(Duration.ofHours(n)),
                    Duration.ofDays(1)).resolvedAfter(Duration.ofMinutes(30), counsellor, "CONTACTED_STABLE"));
        }
    }

    /**
     * QB-001 WATCH, one alert each for five participants prescribed methadone, each followed two days
     * later by a positive screen: for methadone (their medication), for eddp (methadone's metabolite),
     * a presumptive positive for cocaine, a confirmed one for cocaine, and one for methadone and cocaine.
     * Only the last two are relapses.
     */
    private void screenedAlerts() {
        List<String> screens = List.of("\"substances\": [\"methadone\"]", "\"substances\": [\"EDDP\"]",
                "\"substances\": [\"cocaine\"], \"confirmed\": false", "\"substances\": [\"cocaine\"], \"confirmed\": true",
                "\"substances\": [\"methadone\", \"cocaine\"]");
        List<String> participants = new ArrayList<>();
        for (int n = 0; n < screens.size(); n++) {
            String participant = participant(List.of("methadone"));
            participants.add(participant);
            Instant raisedAt = base.plus(Duration.ofHours(n));
            history.alert(participant, programme, raised("QB-001", "WATCH", raisedAt, Duration.ofDays(1)));
            Api.Reply reply = ingest.post("/api/v1/screenings", """
                    {"participantId": "%s", "recordedAt": "%s", "instrument": "DRUG_SCREEN", "positive": true, %s}"""
                    .formatted(participant, raisedAt.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS),
                            screens.get(n)));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        }
    }

    private String participant(List<String> prescribed) {
        String id = Fixtures.uniqueId("P");
        Api.Reply reply = fixtures.admin().put("/api/v1/participants/" + id, """
                {"displayName": "R.", "programmeId": "%s", "peerMentorId": "%s", "counsellorId": "%s",
                 "consent": {"shareWithPeerMentor": true}, "prescribedSubstances": [%s]}"""
                .formatted(programme, mentor, counsellor,
                        String.join(", ", prescribed.stream().map(name -> "\"" + name + "\"").toList())));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return id;
    }

    @Test
    void aRelapseIsUseBeyondTheParticipantsMedicationConfirmedNotAPresumptiveScreen() {
        JsonNode figures = row(quality(fixtures.as(supervisor), period), "QB-001", "WATCH").path("figures");

        assertThat(figures.path("relapsesWithin14Days").asLong()).isEqualTo(2);
    }

    @Test
    void aRuleWhoseAlertsConcernFewerThanFiveParticipantsShowsItsCountAlone() {
        JsonNode report = quality(fixtures.as(supervisor), period);

        JsonNode few = row(report, "QB-002", "WATCH");
        assertThat(few.path("alerts").asLong()).isEqualTo(6);
        assertThat(few.path("withheld").asBoolean()).isTrue();
        assertThat(few.path("figures").isNull()).isTrue();
        assertThat(report.path("fewestParticipants").asInt()).isEqualTo(5);
        assertThat(row(report, "QB-001", "WATCH").path("withheld").asBoolean()).isFalse();
    }

    @Test
    void periodsAreWholeDaysOfTheProgrammeAndAWeekAtLeast() {
        Api lead = fixtures.as(supervisor);
        Instant from = base.minus(Duration.ofDays(1));
        Instant to = base.plus(Duration.ofDays(10));
        JsonNode whole = quality(lead, period);
        JsonNode aMinuteLater = quality(lead, "from=" + from.plus(Duration.ofMinutes(1)) + "&to="
                + to.plus(Duration.ofMinutes(1)));

        LocalDate firstDay = LocalDate.ofInstant(from, KOLKATA);
        assertThat(Instant.parse(whole.path("from").asString())).isEqualTo(firstDay.atStartOfDay(KOLKATA).toInstant());
        assertThat(Instant.parse(whole.path("to").asString()))
                .isEqualTo(LocalDate.ofInstant(to, KOLKATA).plusDays(1).atStartOfDay(KOLKATA).toInstant());
        assertThat(aMinuteLater.path("rules")).isEqualTo(whole.path("rules"));
        assertThat(aMinuteLater.path("from")).isEqualTo(whole.path("from"));

        assertInvalidField(lead.get("/api/v1/rules/quality?from=" + base + "&to=" + base.plus(Duration.ofMinutes(1))),
                "to");
        String day = LocalDate.ofInstant(base, KOLKATA).atStartOfDay(KOLKATA).toInstant().toString();
        Instant sixDaysOn = Instant.parse(day).plus(Duration.ofDays(6));
        assertInvalidField(lead.get("/api/v1/rules/quality?from=" + day + "&to=" + sixDaysOn), "to");
        assertThat(lead.get("/api/v1/rules/quality?from=" + day + "&to=" + sixDaysOn.plus(Duration.ofDays(1)))
                .status()).as("a week").isEqualTo(200);
    }

    @Test
    void onlyThoseWhoJudgeRulesMayAsk() {
        assertProblem(fixtures.as(mentor).get("/api/v1/rules/quality?" + period), 403);
        assertProblem(fixtures.as(counsellor).get("/api/v1/rules/quality?" + period), 403);
        assertThat(fixtures.anonymous().bearer(fixtures.keyFor(programme, "metrics"))
                .get("/api/v1/rules/quality?" + period).status()).isEqualTo(200);

        String page = PageClient.loggedIn(port, mentor, Fixtures.STAFF_PASSWORD).get("/rules").body();
        assertThat(page).doesNotContain("How each rule fared").doesNotContain("QB-001");
        assertThat(PageClient.loggedIn(port, supervisor, Fixtures.STAFF_PASSWORD).get("/rules").body())
                .contains("How each rule fared");
    }
}

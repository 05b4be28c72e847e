package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DomainScore;
import org.saathi.facts.Engagement;
import org.saathi.facts.Now;
import org.saathi.facts.SessionType;

/** The catalogue's domain table scores what a counsellor would: patterns, not one bad day. */
class DeteriorationScoringTests {

    private static final Instant NOW = Instant.parse("2026-01-15T03:30:00Z");
    private static DeteriorationTable table;

    private final List<CheckIn> checkIns = new ArrayList<>();
    private final List<Attendance> sessions = new ArrayList<>();

    @BeforeAll
    static void theCataloguesTable() throws IOException {
        List<RuleSetProblem> problems = new ArrayList<>();
        table = DeteriorationYaml.parse("deterioration.yaml", Files.readString(Path.of("rules/deterioration.yaml")),
                problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void aSubtleRelapseScoresCravingWithMoodFromTheirSumOverTheWeek() {
        usualFortnight();
        checkIn(Duration.ofDays(2), 4, 6);
        checkIn(Duration.ofDays(1), 5, 6);
        checkIn(Duration.ofHours(2), 5, 5);

        Map<String, DomainScore> scores = score();

        // each adds (craving above + mood below, each at most 2) / 2 - 0.6: 0.9, 0.9 and 1.4
        assertThat(scores.get("craving with mood").score()).isEqualTo(3);
        assertThat(scores.get("craving with mood").reading()).isEqualTo("craving 4, 5 and 5, mood 6, 6 and 5 in the last 7 "
                + "days, against a usual craving 2 (spread 1) and mood 7 (spread 1) in the 14 days before: 3.2 spreads "
                + "worse than usual, beyond everyday wobble");
        assertThat(scores.get("craving").score()).isZero();
        assertThat(scores.get("mood").score()).isZero();
    }

    @Test
    void aRiseInCravingAloneCountsHalfAndStaysBelowTheBands() {
        usualFortnight();
        checkIn(Duration.ofDays(2), 4, 7);
        checkIn(Duration.ofDays(1), 4, 7);
        checkIn(Duration.ofHours(2), 4, 7);

        // each adds 2 / 2 - 0.6 = 0.4: 1.2 in all, no score; CHK-003 watches craving alone
        assertThat(score().get("craving with mood").score()).isZero();
    }

    @Test
    void oneBadDayAmongUsualDaysScoresNothing() {
        usualFortnight();
        checkIn(Duration.ofDays(2), 2, 7);
        checkIn(Duration.ofDays(1), 9, 2);
        checkIn(Duration.ofHours(2), 2, 7);

        assertThat(DomainScore.total(List.copyOf(score().values()))).isZero();
    }

    @Test
    void aDomainWithNothingRecentScoresZeroAndSaysWhy() {
        usualFortnight();
        checkIn(Duration.ofDays(2), 2, 7);
        checkIn(Duration.ofDays(1), 2, 7);
        checkIn(Duration.ofHours(2), 2, 7);

        Map<String, DomainScore> scores = score();

        assertThat(scores.get("medication").measured()).isFalse();
        assertThat(scores.get("medication").reading()).isEqualTo("no doses recorded in the last 7 days");
        assertThat(scores.get("screening").reading()).isEqualTo("no screening in the last 28 days");
        assertThat(DomainScore.explain(List.copyOf(scores.values()))).isEqualTo("Deterioration score 0: all 0; "
                + "nothing recent to score for sleep, stress, attendance, medication, peer concerns and screening");
    }

    @Test
    void theExplanationShowsTheDomainTableInWords() {
        usualFortnight();
        checkIn(Duration.ofDays(2), 4, 5);
        checkIn(Duration.ofDays(1), 4, 5);
        checkIn(Duration.ofHours(2), 4, 5);
        session(Duration.ofDays(6), SessionType.COUNSELLING, AttendanceStatus.ABSENT);
        session(Duration.ofDays(3), SessionType.GROUP_THERAPY, AttendanceStatus.ABSENT);

        assertThat(DomainScore.explain(List.copyOf(score().values()))).isEqualTo("Deterioration score 4: "
                + "craving with mood 3 (craving 4, 4 and 4, mood 5, 5 and 5 in the last 7 days, against a usual craving 2 "
                + "(spread 1) and mood 7 (spread 1) in the 14 days before: 4.2 spreads worse than usual, beyond everyday "
                + "wobble), attendance 1 (2 unexcused absences of 2 sessions in the last 14 days); others 0; "
                + "nothing recent to score for sleep, stress, medication, peer concerns and screening");
    }

    @Test
    void aMissedClinicDoseAndTheNextMorningsCheckInSayingSoAreOneMissedDoseDay() {
        dose(Duration.ofDays(1).plusHours(23), AttendanceStatus.ATTENDED);
        dose(Duration.ofHours(23), AttendanceStatus.ABSENT);
        checkIn(Duration.ofHours(1), 2, 7, false);

        DomainScore medication = score().get("medication");

        assertThat(medication.score()).isZero();
        assertThat(medication.reading()).isEqualTo("the latest dose missed, one alone");
    }

    @Test
    void twoMissedDoseDaysInARowScoreOneAsMed001CountsThem() {
        dose(Duration.ofDays(1).plusHours(23), AttendanceStatus.ABSENT);
        dose(Duration.ofHours(23), AttendanceStatus.ABSENT);
        checkIn(Duration.ofHours(1), 2, 7, false);

        assertThat(score().get("medication").score()).isEqualTo(1);
        assertThat(score().get("medication").reading()).isEqualTo("doses missed on 2 days running: Tue 13 and Wed 14 Jan");
    }

    @Test
    void threeMissedDosesInAWeekWithTakenDosesBetweenScoreNothing() {
        dose(Duration.ofDays(4).plusHours(23), AttendanceStatus.ABSENT);
        dose(Duration.ofDays(3).plusHours(23), AttendanceStatus.ATTENDED);
        dose(Duration.ofDays(2).plusHours(23), AttendanceStatus.ABSENT);
        dose(Duration.ofDays(1).plusHours(23), AttendanceStatus.ATTENDED);
        dose(Duration.ofHours(23), AttendanceStatus.ABSENT);

        assertThat(score().get("medication").score()).isZero();
    }

    @Test
    void threeMissedDoseDaysInARowScoreTwo() {
        dose(Duration.ofDays(3).plusHours(23), AttendanceStatus.ATTENDED);
        dose(Duration.ofDays(2).plusHours(23), AttendanceStatus.ABSENT);
        dose(Duration.ofDays(1).plusHours(23), AttendanceStatus.ABSENT);
        dose(Duration.ofHours(23), AttendanceStatus.ABSENT);

        DomainScore medication = score().get("medication");

        assertThat(medication.score()).isEqualTo(2);
        assertThat(medication.evidence()).hasSize(3);
    }

    @Test
    void engagementFallingFromDailyToTwiceAWeekScoresTwo() {
        for (int day = 27; day >= 8; day--) {
            checkIn(Duration.ofDays(day), 2, 7);
        }
        checkIn(Duration.ofDays(3), 2, 7);
        checkIn(Duration.ofHours(2), 2, 7);

        DomainScore engagement = score().get("engagement");

        assertThat(engagement.score()).isEqualTo(2);
        assertThat(engagement.reading())
                .isEqualTo("checked in on 1 of their last 7 usual check-in days against 100 % before");
    }

    @Test
    void aWeekdayRhythmIsNotAFallInEngagement() {
        for (int day = 27; day >= 0; day--) {
            Instant at = NOW.minus(Duration.ofDays(day)).minus(Duration.ofHours(1));
            if (at.atZone(java.time.ZoneId.of("Asia/Kolkata")).getDayOfWeek().getValue() <= 5) {
                checkIn(Duration.ofDays(day).plusHours(1), 2, 7);
            }
        }

        assertThat(score().get("engagement").score()).isZero();
    }

    @Test
    void anAbsenceJustOutsideItsDaysDoesNotCount() {
        session(Duration.ofDays(14), SessionType.COUNSELLING, AttendanceStatus.ABSENT);
        session(Duration.ofDays(14).plusMinutes(1), SessionType.GROUP_THERAPY, AttendanceStatus.ABSENT);
        session(Duration.ofDays(9), SessionType.PEER_MEETING, AttendanceStatus.ABSENT);
        session(Duration.ofDays(2), SessionType.MEDICATION, AttendanceStatus.ABSENT);

        DomainScore attendance = score().get("attendance");

        assertThat(attendance.score()).isEqualTo(1);
        assertThat(attendance.evidence()).hasSize(2);
    }

    @Test
    void twoShortNightsOfThreeScoreOneAndAreTheEvidence() {
        usualFortnight();
        checkIn(Duration.ofDays(2), 2, 7, null, 4.5);
        checkIn(Duration.ofDays(1), 2, 7, null, 4.0);
        checkIn(Duration.ofHours(2), 2, 7, null, 7.0);

        DomainScore sleep = score().get("sleep");

        assertThat(sleep.score()).isEqualTo(1);
        assertThat(sleep.reading()).isEqualTo("2 of 3 nights under 5 hours");
        assertThat(sleep.evidence()).hasSize(2);
    }

    private void usualFortnight() {
        for (int day = 13; day >= 8; day--) {
            checkIn(Duration.ofDays(day), 2, 7);
        }
    }

    private void checkIn(Duration ago, int craving, int mood) {
        checkIn(ago, craving, mood, null, null);
    }

    private void checkIn(Duration ago, int craving, int mood, Boolean medicationTaken) {
        checkIn(ago, craving, mood, medicationTaken, null);
    }

    private void checkIn(Duration ago, int craving, int mood, Boolean medicationTaken, Double sleepHours) {
        checkIns.add(new CheckIn("c" + checkIns.size(), "P-1", NOW.minus(ago), 0, craving, mood, null, sleepHours,
                false, medicationTaken, List.of()));
    }

    /** A clinic dose at 10:00 in India: 23 hours before the test's 09:00 is yesterday's. */
    private void dose(Duration ago, AttendanceStatus status) {
        session(ago, SessionType.MEDICATION, status);
    }

    private void session(Duration ago, SessionType type, AttendanceStatus status) {
        sessions.add(new Attendance("a" + sessions.size(), "P-1", NOW.minus(ago), 0, "S" + sessions.size(), null, type,
                status));
    }

    /** Engagement as ENG-001 measures it, from the same check-ins. */
    private Engagement engagement() {
        EvaluationInput input = RhythmsTests.input(NOW, checkIns, sessions, RhythmsTests.KOLKATA,
                java.util.Optional.empty(), RhythmsTests.THRESHOLDS);
        return Engagements.of(input, Rhythms.of(input), NOW.minus(Duration.ofDays(28)));
    }

    private Map<String, DomainScore> score() {
        List<CheckIn> numbered = Window.numbered(checkIns);
        ScoringScope scope = new ScoringScope(new Now(NOW), 7, 5, table.recentCheckIns(), numbered,
                Window.baseline("P-1", numbered, NOW.minus(Duration.ofDays(14))), Window.sessions(sessions),
                DoseDays.of("P-1", Window.sessions(sessions), numbered, java.time.ZoneId.of("Asia/Kolkata"), NOW), List.of(),
                List.of(), List.of(), NOW.minus(Duration.ofDays(28)), engagement());
        return DeteriorationScoring.score(table, scope, "P-1").stream()
                .collect(Collectors.toMap(DomainScore::domain, Function.identity()));
    }
}

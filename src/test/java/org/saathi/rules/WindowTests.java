package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.Baseline;
import org.saathi.facts.CheckIn;
import org.saathi.facts.CheckInGap;
import org.saathi.facts.DoseDay;
import org.saathi.facts.Engagement;
import org.saathi.facts.Now;
import org.saathi.facts.SessionType;
import org.saathi.roster.CheckInSchedule;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;

/**
 * What an evaluation's window makes of the facts before any rule sees them: tables of cases, each
 * with the facts as read, the moment and the participant's time zone, and what the rules are given.
 * No rule engine and no database: the window is plain Java.
 */
class WindowTests {

    /** A Thursday, 09:00 in India. */
    private static final Instant NOW = Instant.parse("2026-01-15T03:30:00Z");
    private static final Duration WINDOW = Duration.ofDays(28);
    private static final Duration BASELINE_PERIOD = Duration.ofDays(14);
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Map<String, Double> RHYTHM = Map.of("rhythm.minCheckIns", 8.0, "rhythm.minDays", 14.0,
            "rhythm.usualDayShare", 0.5, "rhythm.silencePercentile", 95.0, "rhythm.recentDays", 7.0,
            "rhythm.peerRecentDays", 14.0);

    record Numbering(String name, List<CheckIn> checkIns, List<String> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Numbering> numbering() {
        return Stream.of(
                new Numbering("read in any order, numbered newest first from 1, each with its own answers",
                        List.of(answered("old", ago(Duration.ofDays(3)), 3),
                                answered("new", ago(Duration.ofHours(1)), 6),
                                answered("mid", ago(Duration.ofDays(1)), 9)),
                        List.of("new 1", "mid 2", "old 3")),
                new Numbering("the recency a check-in was read with is replaced",
                        List.of(checkIn("a", ago(Duration.ofDays(2)), 1), checkIn("b", ago(Duration.ofDays(1)), 7)),
                        List.of("b 1", "a 2")),
                new Numbering("two at the same moment go by id, so that every evaluation numbers them alike",
                        List.of(checkIn("b", ago(Duration.ofHours(1))), checkIn("a", ago(Duration.ofHours(1))),
                                checkIn("c", ago(Duration.ofDays(1)))),
                        List.of("a 1", "b 2", "c 3")),
                new Numbering("one dated just after now by a drifting clock is the latest",
                        List.of(checkIn("now", NOW), checkIn("ahead", NOW.plus(Duration.ofMinutes(4)))),
                        List.of("ahead 1", "now 2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numbering")
    void numbersCheckInsNewestFirst(Numbering c) {
        List<CheckIn> numbered = Window.numbered(c.checkIns());

        assertThat(numbered).extracting(checkIn -> checkIn.id() + " " + checkIn.recency())
                .containsExactlyElementsOf(c.expected());
        assertThat(numbered).allSatisfy(checkIn -> assertThat(checkIn).usingRecursiveComparison()
                .ignoringFields("recency").isEqualTo(c.checkIns().stream()
                        .filter(given -> given.id().equals(checkIn.id())).findFirst().orElseThrow()));
    }

    record Sessions(String name, List<Attendance> reports, List<String> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Sessions> sessions() {
        return Stream.of(
                new Sessions("a correction replaces the earlier report of the session",
                        List.of(report("G-1", ago(Duration.ofDays(2)), SessionType.GROUP_THERAPY,
                                AttendanceStatus.ABSENT),
                                report("G-1", ago(Duration.ofDays(2)), SessionType.GROUP_THERAPY,
                                        AttendanceStatus.EXCUSED)),
                        List.of("G-1 EXCUSED 1")),
                new Sessions("the last report stands, whatever it says",
                        List.of(report("G-1", ago(Duration.ofDays(2)), SessionType.GROUP_THERAPY,
                                AttendanceStatus.ATTENDED),
                                report("G-1", ago(Duration.ofDays(2)), SessionType.GROUP_THERAPY,
                                        AttendanceStatus.ABSENT)),
                        List.of("G-1 ABSENT 1")),
                new Sessions("clinic doses are numbered apart from groups, counselling and peer meetings",
                        List.of(report("G-1", ago(Duration.ofDays(3)), SessionType.GROUP_THERAPY,
                                AttendanceStatus.ATTENDED),
                                report("D-1", ago(Duration.ofDays(1)), SessionType.MEDICATION,
                                        AttendanceStatus.ATTENDED),
                                report("C-1", ago(Duration.ofDays(2)), SessionType.COUNSELLING,
                                        AttendanceStatus.ABSENT),
                                report("D-2", ago(Duration.ofHours(2)), SessionType.MEDICATION,
                                        AttendanceStatus.ABSENT)),
                        List.of("D-2 ABSENT 1", "D-1 ATTENDED 2", "C-1 ABSENT 1", "G-1 ATTENDED 2")),
                new Sessions("two sessions at the same moment go by session id",
                        List.of(report("P-2", ago(Duration.ofDays(1)), SessionType.PEER_MEETING,
                                AttendanceStatus.ATTENDED),
                                report("P-1", ago(Duration.ofDays(1)), SessionType.PEER_MEETING,
                                        AttendanceStatus.ATTENDED)),
                        List.of("P-1 ATTENDED 1", "P-2 ATTENDED 2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void givesEachSessionOnceNumberedAmongItsKind(Sessions c) {
        assertThat(Window.sessions(c.reports()))
                .extracting(session -> session.sessionId() + " " + session.status() + " " + session.recency())
                .containsExactlyElementsOf(c.expected());
    }

    record Baselines(String name, List<CheckIn> checkIns, Baseline expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Baselines> baselines() {
        List<CheckIn> latestThree = List.of(checkIn("r1", ago(Duration.ofDays(2)), 9, 2),
                checkIn("r2", ago(Duration.ofDays(1)), 9, 2), checkIn("r3", ago(Duration.ofHours(2)), 9, 2));
        return Stream.of(
                new Baselines("three check-ins or fewer: no baseline, they are the recent ones", latestThree,
                        new Baseline("P-1", 0, 0, 0, 0, 0)),
                new Baselines("the latest three are left out, so that a change does not dilute its own baseline",
                        with(latestThree, checkIn("b1", ago(Duration.ofDays(10)), 1, 6),
                                checkIn("b2", ago(Duration.ofDays(9)), 3, 8)),
                        new Baseline("P-1", 2, 2, 1, 7, 1)),
                new Baselines("the latest three are left out by recency, also when one is dated ahead of now",
                        List.of(checkIn("b1", ago(Duration.ofDays(10)), 1, 6),
                                checkIn("b2", ago(Duration.ofDays(3)), 3, 8),
                                checkIn("r1", ago(Duration.ofDays(2)), 9, 2),
                                checkIn("r2", ago(Duration.ofDays(1)), 9, 2),
                                checkIn("ahead", NOW.plus(Duration.ofMinutes(4)), 9, 2)),
                        new Baseline("P-1", 2, 2, 1, 7, 1)),
                new Baselines("a check-in from the first moment of the baseline period counts",
                        with(latestThree, checkIn("b1", ago(BASELINE_PERIOD), 0, 4),
                                checkIn("b2", ago(Duration.ofDays(9)), 4, 8)),
                        new Baseline("P-1", 2, 2, 2, 6, 2)),
                new Baselines("a check-in from a minute before the baseline period does not",
                        with(latestThree, checkIn("b1", ago(BASELINE_PERIOD.plusMinutes(1)), 0, 4),
                                checkIn("b2", ago(Duration.ofDays(9)), 4, 8)),
                        new Baseline("P-1", 1, 4, 0, 8, 0)),
                new Baselines("the spread is the standard deviation of the period itself, not of a sample",
                        with(latestThree, checkIn("b1", ago(Duration.ofDays(12)), 0, 2),
                                checkIn("b2", ago(Duration.ofDays(11)), 0, 2),
                                checkIn("b3", ago(Duration.ofDays(10)), 4, 6),
                                checkIn("b4", ago(Duration.ofDays(9)), 4, 6)),
                        new Baseline("P-1", 4, 2, 2, 4, 2)),
                new Baselines("all check-ins older than the period: no baseline",
                        with(latestThree, checkIn("old1", ago(Duration.ofDays(20)), 5, 5),
                                checkIn("old2", ago(Duration.ofDays(19)), 5, 5)),
                        new Baseline("P-1", 0, 0, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselines")
    void takesTheBaselineFromTheBaselinePeriodBeforeTheLatestCheckIns(Baselines c) {
        assertThat(only(Baseline.class, Window.facts(input(c.checkIns()), WINDOW, BASELINE_PERIOD,
                DeteriorationTable.NONE))).isEqualTo(c.expected());
    }

    record Gaps(String name, Instant enrolledAt, Optional<CheckIn> lastCheckIn, Instant since, double hours) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Gaps> gaps() {
        Instant enrolled = ago(Duration.ofDays(3));
        CheckIn outsideTheWindow = checkIn("old", ago(WINDOW.plusDays(12)));
        CheckIn ahead = checkIn("ahead", NOW.plus(Duration.ofMinutes(3)));
        return Stream.of(
                new Gaps("never checked in: counted from their enrolment", enrolled, Optional.empty(), enrolled, 72),
                new Gaps("counted from their last check-in, also one older than the window", ago(Duration.ofDays(90)),
                        Optional.of(outsideTheWindow), outsideTheWindow.at(), 40 * 24),
                new Gaps("in hours, to the minute", enrolled,
                        Optional.of(checkIn("last", ago(Duration.ofMinutes(90)))), ago(Duration.ofMinutes(90)), 1.5),
                new Gaps("a last check-in dated ahead of now by a drifting clock is no gap, not a negative one",
                        enrolled, Optional.of(ahead), ahead.at(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gaps")
    void countsTheGapSinceTheLastCheckInOrEnrolment(Gaps c) {
        List<CheckIn> inWindow = c.lastCheckIn().filter(last -> !last.at().isBefore(NOW.minus(WINDOW)))
                .map(List::of).orElse(List.of());
        EvaluationInput input = input(participant(KOLKATA, c.enrolledAt(), Optional.empty()), Map.of(), inWindow,
                List.of(), c.lastCheckIn());

        CheckInGap gap = only(CheckInGap.class, Window.facts(input, WINDOW, BASELINE_PERIOD, DeteriorationTable.NONE));

        assertThat(gap.since()).isEqualTo(c.since());
        assertThat(gap.hours()).isEqualTo(c.hours());
        assertThat(gap.lastCheckIn()).isEqualTo(c.lastCheckIn());
    }

    /**
     * The start of what is known of them, read through their engagement: the weeks before their
     * recent days begin on the first whole day after the window's start or their enrolment, whichever
     * is later. A daily schedule makes the recent days the last 7 ended days (from 8 January).
     */
    record Starts(String name, Instant enrolledAt, double weeksBefore) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Starts> starts() {
        return Stream.of(
                new Starts("enrolled long before the window: the window's start (18 December) counts",
                        ago(Duration.ofDays(90)), days("2025-12-19", "2026-01-08") / 7.0),
                new Starts("enrolled inside the window: their enrolment (5 January) counts",
                        ago(Duration.ofDays(10)), days("2026-01-06", "2026-01-08") / 7.0),
                new Starts("enrolled within the recent days: no weeks before them", ago(Duration.ofDays(3)), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void startsWhatIsKnownOfThemAtTheWindowsStartOrTheirEnrolment(Starts c) {
        EvaluationInput input = input(participant(KOLKATA, c.enrolledAt(), Optional.of(CheckInSchedule.DAILY)), RHYTHM,
                List.of(checkIn("c", ago(Duration.ofHours(2)))), List.of(), Optional.empty());

        Engagement engagement = only(Engagement.class, Window.facts(input, WINDOW, BASELINE_PERIOD,
                DeteriorationTable.NONE));

        assertThat(engagement.weeksBefore()).isEqualTo(c.weeksBefore());
    }

    record DoseDaysIn(String name, ZoneId zone, List<CheckIn> checkIns, List<Attendance> doses,
            List<String> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<DoseDaysIn> doseDays() {
        // 23:30 and 00:30 in India are 18:00 and 19:00 UTC of the same day in London
        List<CheckIn> eitherSideOfMidnightInIndia = List.of(
                medication("late", Instant.parse("2026-01-13T18:00:00Z"), false),
                medication("early", Instant.parse("2026-01-13T19:00:00Z"), false));
        return Stream.of(
                new DoseDaysIn("two check-ins either side of midnight where the participant lives are two days",
                        KOLKATA, eitherSideOfMidnightInIndia, List.of(), List.of("2026-01-14 MISSED 1",
                                "2026-01-13 MISSED 2")),
                new DoseDaysIn("the same two check-ins of someone in London are one day", LONDON,
                        eitherSideOfMidnightInIndia, List.of(), List.of("2026-01-13 MISSED 1")),
                new DoseDaysIn("a clinic dose and that day's check-in are one day, and the clinic decides", KOLKATA,
                        List.of(medication("said", Instant.parse("2026-01-14T06:00:00Z"), false)),
                        List.of(report("D-1", Instant.parse("2026-01-14T04:30:00Z"), SessionType.MEDICATION,
                                AttendanceStatus.ATTENDED)),
                        List.of("2026-01-14 TAKEN 1")),
                new DoseDaysIn("groups are no dose days", KOLKATA, List.of(),
                        List.of(report("G-1", ago(Duration.ofDays(1)), SessionType.GROUP_THERAPY,
                                AttendanceStatus.ABSENT)),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doseDays")
    void countsDoseDaysInTheParticipantsTimeZone(DoseDaysIn c) {
        EvaluationInput input = input(participant(c.zone(), ago(Duration.ofDays(90)), Optional.empty()), Map.of(),
                c.checkIns(), c.doses(), Optional.empty());

        assertThat(all(DoseDay.class, Window.facts(input, WINDOW, BASELINE_PERIOD, DeteriorationTable.NONE)))
                .extracting(day -> day.day() + " " + day.dose() + " " + day.recency())
                .containsExactlyElementsOf(c.expected());
    }

    /** Whether a fact counts as of the last given days, as every domain and MED-001 count them. */
    record Within(String name, Instant at, double days, boolean counted) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Within> within() {
        return Stream.of(
                new Within("now itself", NOW, 7, true),
                new Within("the first moment of the last 7 days", ago(Duration.ofDays(7)), 7, true),
                new Within("a minute before it", ago(Duration.ofDays(7).plusMinutes(1)), 7, false),
                new Within("59 seconds before it: counted in whole minutes", ago(Duration.ofDays(7).plusSeconds(59)),
                        7, true),
                new Within("days need not be whole: 36 hours are 1.5 days", ago(Duration.ofHours(36)), 1.5, true),
                new Within("and 36 hours and a minute are not", ago(Duration.ofHours(36).plusMinutes(1)), 1.5, false),
                new Within("ahead of now within the clock drift allowed", NOW.plus(Now.DRIFT), 7, true),
                new Within("ahead of now beyond the clock drift", NOW.plus(Now.DRIFT).plusSeconds(1), 7, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("within")
    void countsFactsOfTheLastDaysAndNoneFromTheFuture(Within c) {
        CheckIn fact = checkIn("c", c.at());

        assertThat(scope(List.of(fact), 3).within(List.of(fact), c.days())).hasSize(c.counted() ? 1 : 0);
    }

    record Recent(String name, List<CheckIn> checkIns, int recentCount, List<String> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Recent> recent() {
        CheckIn r1 = checkIn("r1", ago(Duration.ofDays(2)));
        CheckIn r2 = checkIn("r2", ago(Duration.ofDays(1)));
        CheckIn r3 = checkIn("r3", ago(Duration.ofHours(2)));
        return Stream.of(
                new Recent("the latest three, all of the last 7 days", List.of(r1, r2, r3), 3,
                        List.of("r3", "r2", "r1")),
                new Recent("an older one beside them does not matter",
                        List.of(checkIn("old", ago(Duration.ofDays(20))), r1, r2, r3), 3, List.of("r3", "r2", "r1")),
                new Recent("fewer than three: none", List.of(r2, r3), 3, List.of()),
                new Recent("one of the three older than 7 days: none, not the two that are recent",
                        List.of(checkIn("old", ago(Duration.ofDays(7).plusMinutes(1))), r2, r3), 3, List.of()),
                new Recent("one of the three dated beyond the clock drift: none",
                        List.of(r1, r2, checkIn("future", NOW.plus(Duration.ofHours(1)))), 3, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recent")
    void takesTheRecentCheckInsOnlyWhenAllOfThemAreRecent(Recent c) {
        assertThat(scope(Window.numbered(c.checkIns()), c.recentCount()).recentCheckIns()).extracting(CheckIn::id)
                .containsExactlyElementsOf(c.expected());
    }

    private static ScoringScope scope(List<CheckIn> numbered, int recentCount) {
        return new ScoringScope(new Now(NOW), 7, 5, recentCount, numbered, new Baseline("P-1", 0, 0, 0, 0, 0),
                List.of(), List.of(), List.of(), List.of(), List.of(), NOW.minus(WINDOW),
                Engagements.none("P-1", true));
    }

    private static EvaluationInput input(List<CheckIn> checkIns) {
        return input(participant(KOLKATA, ago(Duration.ofDays(90)), Optional.empty()), Map.of(), checkIns, List.of(),
                checkIns.stream().max(java.util.Comparator.comparing(CheckIn::at)));
    }

    private static EvaluationInput input(ParticipantContext participant, Map<String, Double> thresholds,
            List<CheckIn> checkIns, List<Attendance> attendance, Optional<CheckIn> lastCheckIn) {
        return new EvaluationInput(participant, NOW, thresholds, checkIns, attendance, List.of(), List.of(), List.of(),
                List.of(), lastCheckIn, List.of());
    }

    private static ParticipantContext participant(ZoneId zone, Instant enrolledAt, Optional<CheckInSchedule> schedule) {
        return new ParticipantContext("P-1", "prog-1", ParticipantStatus.ACTIVE, true, enrolledAt, zone, "mentor-1",
                "counsellor-1", Optional.empty(), true, List.of(), List.of(), List.of(), Set.of(), Set.of(), schedule);
    }

    private static <T> T only(Class<T> type, List<Object> facts) {
        List<T> found = all(type, facts);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static <T> List<T> all(Class<T> type, List<Object> facts) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }

    private static double days(String from, String to) {
        return LocalDate.parse(to).toEpochDay() - LocalDate.parse(from).toEpochDay();
    }

    private static List<CheckIn> with(List<CheckIn> checkIns, CheckIn... more) {
        List<CheckIn> all = new ArrayList<>(Arrays.asList(more));
        all.addAll(checkIns);
        return all;
    }

    private static CheckIn checkIn(String id, Instant at) {
        return checkIn(id, at, 0);
    }

    private static CheckIn checkIn(String id, Instant at, int recency) {
        return new CheckIn(id, "P-1", at, recency, 2, 7, null, null, null, null, List.of());
    }

    private static CheckIn checkIn(String id, Instant at, int craving, int mood) {
        return new CheckIn(id, "P-1", at, 0, craving, mood, null, null, null, null, List.of());
    }

    /** A check-in with every question answered, its answers told apart by {@code n}. */
    private static CheckIn answered(String id, Instant at, int n) {
        return new CheckIn(id, "P-1", at, 0, n, n, n, (double) n, n % 2 == 0, n % 3 == 0, List.of("trigger " + n));
    }

    private static CheckIn medication(String id, Instant at, boolean taken) {
        return new CheckIn(id, "P-1", at, 0, 2, 7, null, null, null, taken, List.of());
    }

    private static Attendance report(String sessionId, Instant at, SessionType type, AttendanceStatus status) {
        return new Attendance(sessionId + "-" + status, "P-1", at, 0, sessionId, null, type, status);
    }
}

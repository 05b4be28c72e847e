package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.CheckIn;
import org.saathi.facts.Engagement;
import org.saathi.facts.Rhythm;
import org.saathi.facts.SessionType;
import org.saathi.roster.CheckInSchedule;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;

/** How a participant's rhythm is learned from the window's check-ins, in the programme's calendar. */
class RhythmsTests {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final Map<String, Double> THRESHOLDS = Map.of("rhythm.minCheckIns", 8.0, "rhythm.minDays", 14.0,
            "rhythm.usualDayShare", 0.5, "rhythm.silencePercentile", 95.0, "rhythm.recentDays", 7.0,
            "rhythm.peerRecentDays", 14.0);
    /** A Thursday. */
    static final LocalDate TODAY = LocalDate.of(2026, 1, 15);

    @Test
    void learnsWeekdaysAndTheWeekendAsTheLongestUsualSilence() {
        Rhythm rhythm = rhythm(at(TODAY, 9), checkIns(TODAY.minusDays(27), TODAY.minusDays(1), weekdays(), 19), null);

        assertThat(rhythm.basis()).isEqualTo(Rhythm.Basis.LEARNED);
        assertThat(rhythm.usualDays()).isEqualTo(weekdays());
        assertThat(rhythm.longestUsualSilenceHours()).isEqualTo(72);
        assertThat(rhythm.usualIntervalHours()).isEqualTo(24);
        assertThat(rhythm.daysInWords()).isEqualTo("usually checks in Mon-Fri");
        assertThat(rhythm.usualDaysMissed()).isZero();
    }

    @Test
    void countsUsualDaysMissedOnlyOnceTheyHaveEnded() {
        List<CheckIn> daily = checkIns(TODAY.minusDays(24), TODAY.minusDays(3), EnumSet.allOf(DayOfWeek.class), 9);

        assertThat(rhythm(at(TODAY, 0).minusSeconds(60), daily, null).usualDaysMissed()).isEqualTo(1);
        assertThat(rhythm(at(TODAY, 0), daily, null).usualDaysMissed()).isEqualTo(2);
    }

    @Test
    void countsDaysInTheProgrammeZoneSoALateCheckInCountsForItsOwnDay() {
        // 23:30 in Kolkata is 18:00 UTC the same day; 00:15 in Kolkata is still the day before in UTC
        List<CheckIn> late = checkIns(TODAY.minusDays(24), TODAY.minusDays(3), EnumSet.allOf(DayOfWeek.class), 23.5);
        Instant justAfterMidnight = at(TODAY, 0.25);

        assertThat(rhythm(justAfterMidnight, late, null).usualDaysMissed()).isEqualTo(2);
        assertThat(rhythm(justAfterMidnight, late, null, ZoneId.of("UTC"), Optional.empty()).usualDaysMissed())
                .isEqualTo(1);
    }

    @Test
    void tooLittleHistoryLearnsNothing() {
        Rhythm rhythm = rhythm(at(TODAY, 9), checkIns(TODAY.minusDays(6), TODAY.minusDays(1),
                EnumSet.allOf(DayOfWeek.class), 9), null);

        assertThat(rhythm.basis()).isEqualTo(Rhythm.Basis.TOO_LITTLE_HISTORY);
        assertThat(rhythm.checkIns()).isEqualTo(6);
        assertThat(rhythm.usualDays()).isEmpty();
        assertThat(rhythm.usualDaysMissed()).isZero();
    }

    @Test
    void aRuleSetWithoutTheRhythmThresholdsLearnsNothing() {
        EvaluationInput input = input(at(TODAY, 9), checkIns(TODAY.minusDays(27), TODAY.minusDays(1), weekdays(), 9),
                List.of(), KOLKATA, Optional.empty(), Map.of());

        assertThat(Rhythms.of(input).basis())
                .isEqualTo(Rhythm.Basis.TOO_LITTLE_HISTORY);
    }

    @Test
    void aScheduleReplacesTheLearnedDaysAndGivesTheSilenceBeforeThereIsHistory() {
        List<CheckIn> few = checkIns(TODAY.minusDays(4), TODAY.minusDays(3), EnumSet.allOf(DayOfWeek.class), 9);
        Rhythm rhythm = rhythm(at(TODAY, 9), few, null, KOLKATA,
                Optional.of(CheckInSchedule.parse(List.of("MON", "WED", "FRI"))));

        assertThat(rhythm.basis()).isEqualTo(Rhythm.Basis.SCHEDULE);
        assertThat(rhythm.usualDays()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.FRIDAY);
        assertThat(rhythm.longestUsualSilenceHours()).isEqualTo(72);
        assertThat(rhythm.daysInWords()).isEqualTo("expected to check in Mon, Wed and Fri");
        // Monday was the last check-in; of the days ended since, only Wednesday is on the schedule
        assertThat(rhythm.usualDaysMissed()).isEqualTo(1);
    }

    @Test
    void theLongestUsualSilenceLeavesOutASingleLongAbsence() {
        List<CheckIn> daily = new ArrayList<>(checkIns(TODAY.minusDays(27), TODAY.minusDays(20),
                EnumSet.allOf(DayOfWeek.class), 9));
        daily.addAll(checkIns(TODAY.minusDays(14), TODAY.minusDays(1), EnumSet.allOf(DayOfWeek.class), 9));

        assertThat(rhythm(at(TODAY, 9), daily, null).longestUsualSilenceHours()).isEqualTo(24);
    }

    @Test
    void comparesTheLastWeeksUsualDaysWithTheWeeksBefore() {
        List<CheckIn> checkIns = new ArrayList<>(checkIns(TODAY.minusDays(27), TODAY.minusDays(8),
                EnumSet.allOf(DayOfWeek.class), 9));
        checkIns.addAll(checkIns(TODAY.minusDays(3), TODAY.minusDays(2), EnumSet.allOf(DayOfWeek.class), 9));

        Engagement engagement = engagement(at(TODAY, 9), checkIns, List.of());

        assertThat(engagement.recentUsualDays()).isEqualTo(7);
        assertThat(engagement.recentDaysCheckedIn()).isEqualTo(2);
        assertThat(engagement.shareBefore()).isEqualTo(1.0);
        // from the first whole day of the window to the week before today
        assertThat(engagement.weeksBefore()).isEqualTo(20 / 7.0);
        assertThat(engagement.recentAtMost(0.5)).isTrue();
        assertThat(engagement.recentAtMost(0.25)).isFalse();
        assertThat(engagement.fallPercent()).isEqualTo(100 * (1 - 2 / 7.0));
    }

    @Test
    void countsPeerMeetingsAttendedOnTheDaysBeforeAndSince() {
        List<Attendance> meetings = List.of(meeting(TODAY.minusDays(19), AttendanceStatus.ATTENDED),
                meeting(TODAY.minusDays(12), AttendanceStatus.ATTENDED),
                meeting(TODAY.minusDays(5), AttendanceStatus.ABSENT),
                // a correction: the last report of a session stands
                meeting(TODAY.minusDays(12), AttendanceStatus.EXCUSED));

        Engagement engagement = engagement(at(TODAY, 9), checkIns(TODAY.minusDays(27), TODAY.minusDays(1), weekdays(),
                9), meetings);

        assertThat(engagement.peerMeetingsRecent()).isZero();
        assertThat(engagement.peerMeetingsBefore()).hasSize(1);
    }

    @Test
    void countsTheSilenceOnlyOnTheirUsualDaysInTheirOwnCalendar() {
        // Friday 23:30 in Kolkata is 18:00 UTC; Monday 05:00 in Kolkata is still Sunday in UTC
        LocalDate friday = TODAY.plusDays(1);
        List<CheckIn> weekdays = checkIns(friday.minusDays(27), friday, weekdays(), 23.5);
        Instant mondayMorning = at(friday.plusDays(3), 5);

        Rhythm rhythm = rhythm(mondayMorning, weekdays, null);

        assertThat(rhythm.silenceHours()).isEqualTo(53.5);
        assertThat(rhythm.expectedSilenceHours()).isEqualTo(0.5 + 5);
        // counted in UTC days, the same weekday rhythm would count Friday until UTC midnight and Monday not yet
        assertThat(rhythm(mondayMorning, weekdays, null, ZoneId.of("UTC"), Optional.empty()).expectedSilenceHours())
                .isEqualTo(6);
    }

    @Test
    void countsAllTheSilenceWhenNoUsualDaysAreKnown() {
        Rhythm rhythm = rhythm(at(TODAY, 9), checkIns(TODAY.minusDays(3), TODAY.minusDays(3),
                EnumSet.allOf(DayOfWeek.class), 9), null);

        assertThat(rhythm.expectedSilenceHours()).isEqualTo(72);
    }

    @Test
    void sessionsMissedAreUnexcusedAbsencesSinceTheLastCheckInDosesAside() {
        List<CheckIn> daily = checkIns(TODAY.minusDays(27), TODAY.minusDays(2), EnumSet.allOf(DayOfWeek.class), 19);
        List<Attendance> sessions = List.of(
                session(TODAY.minusDays(2), 17, SessionType.GROUP_THERAPY, AttendanceStatus.ABSENT),
                session(TODAY.minusDays(1), 11, SessionType.COUNSELLING, AttendanceStatus.ABSENT),
                session(TODAY.minusDays(1), 9, SessionType.MEDICATION, AttendanceStatus.ABSENT),
                session(TODAY.minusDays(1), 17, SessionType.GROUP_THERAPY, AttendanceStatus.EXCUSED),
                session(TODAY, 11, SessionType.PEER_MEETING, AttendanceStatus.ABSENT));

        Rhythm rhythm = rhythm(at(TODAY, 9), daily, sessions);

        // before the last check-in, a dose, excused, and not yet held are not missed sessions of the silence
        assertThat(rhythm.sessionsMissed()).extracting(Attendance::sessionType).containsExactly(SessionType.COUNSELLING);
        assertThat(rhythm.sessionsMissedInWords()).isEqualTo("1 session");
    }

    @Test
    void aRunOfMissedDaysIsUnusualAccordingToHowManyOfTheirDaysTheyKeep() {
        List<CheckIn> withTwoGaps = new ArrayList<>(checkIns(TODAY.minusDays(26), TODAY.minusDays(20),
                EnumSet.allOf(DayOfWeek.class), 9));
        withTwoGaps.addAll(checkIns(TODAY.minusDays(18), TODAY.minusDays(12), EnumSet.allOf(DayOfWeek.class), 9));
        withTwoGaps.addAll(checkIns(TODAY.minusDays(10), TODAY.minusDays(2), EnumSet.allOf(DayOfWeek.class), 9));
        Rhythm keepsMost = rhythm(at(TODAY, 9), withTwoGaps, null);
        Rhythm keepsAll = rhythm(at(TODAY, 9), checkIns(TODAY.minusDays(26), TODAY.minusDays(2),
                EnumSet.allOf(DayOfWeek.class), 9), null);

        assertThat(keepsMost.usualDaysKept()).isEqualTo(23 / 25.0);
        // 8 % missed: two in a row 1 day in 156, three 1 day in 1,950
        assertThat(keepsMost.unusualRun(0.005)).isEqualTo(3);
        assertThat(keepsMost.unusualRun(0.01)).isEqualTo(2);
        assertThat(keepsAll.usualDaysKept()).isEqualTo(1.0);
        assertThat(keepsAll.unusualRun(0.005)).isEqualTo(1);
    }

    @Test
    void engagementCountsTheirLastSevenUsualDaysNotTheLastSevenCalendarDays() {
        // a weekday-only person's last 7 usual days that have ended are 9 calendar days
        LocalDate first = Engagements.recentFirst(weekdays(), TODAY, 7);

        assertThat(first).isEqualTo(TODAY.minusDays(9));
        // someone with two usual days a week is looked at over 14 days at most
        assertThat(Engagements.recentFirst(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), TODAY, 7))
                .isEqualTo(TODAY.minusDays(14));
        Engagement engagement = engagement(at(TODAY, 9), checkIns(TODAY.minusDays(27), TODAY.minusDays(1), weekdays(),
                19), List.of());
        assertThat(engagement.recentUsualDays()).isEqualTo(7);
        assertThat(engagement.fallPercent()).isZero();
    }

    @Test
    void someoneWhoNeverCheckedInIsSilentSinceEnrolment() {
        Rhythm rhythm = rhythm(at(TODAY, 9), List.of(), null);

        assertThat(rhythm.lastCheckIn()).isEmpty();
        assertThat(rhythm.silenceHours()).isEqualTo(90 * 24);
    }

    static Rhythm rhythm(Instant now, List<CheckIn> checkIns, List<Attendance> attendance) {
        return rhythm(now, checkIns, attendance, KOLKATA, Optional.empty());
    }

    static Rhythm rhythm(Instant now, List<CheckIn> checkIns, List<Attendance> attendance, ZoneId zone,
            Optional<CheckInSchedule> schedule) {
        EvaluationInput input = input(now, checkIns, attendance == null ? List.of() : attendance, zone, schedule,
                THRESHOLDS);
        return Rhythms.of(input);
    }

    static Engagement engagement(Instant now, List<CheckIn> checkIns, List<Attendance> attendance) {
        EvaluationInput input = input(now, checkIns, attendance, KOLKATA, Optional.empty(), THRESHOLDS);
        return Engagements.of(input, Rhythms.of(input), now.minus(Duration.ofDays(28)));
    }

    static EvaluationInput input(Instant now, List<CheckIn> checkIns, List<Attendance> attendance, ZoneId zone,
            Optional<CheckInSchedule> schedule, Map<String, Double> thresholds) {
        ParticipantContext participant = new ParticipantContext("p-1", "default", ParticipantStatus.ACTIVE, true,
                now.minus(Duration.ofDays(90)), "mentor", "counsellor", Optional.empty(), true, List.of(), zone,
                schedule);
        List<CheckIn> inWindow = checkIns.stream().filter(c -> !c.at().isAfter(now)).toList();
        Optional<CheckIn> last = inWindow.stream().max(java.util.Comparator.comparing(CheckIn::at));
        return new EvaluationInput(participant, now, thresholds, inWindow, attendance, List.of(), List.of(), List.of(),
                List.of(), last, List.of());
    }

    static List<CheckIn> checkIns(LocalDate first, LocalDate last, Set<DayOfWeek> days, double hour) {
        List<CheckIn> checkIns = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (days.contains(day.getDayOfWeek())) {
                checkIns.add(new CheckIn("c-" + day, "p-1", at(day, hour), 0, 2, 7, null, null, null, null, null));
            }
        }
        return checkIns;
    }

    static Attendance meeting(LocalDate day, AttendanceStatus status) {
        return new Attendance("a-" + day + status, "p-1", at(day, 11), 0, "PM-" + day, "PM", SessionType.PEER_MEETING,
                status);
    }

    static Attendance session(LocalDate day, double hour, SessionType type, AttendanceStatus status) {
        return new Attendance("a-" + day + type, "p-1", at(day, hour), 0, "S-" + day + type, null, type, status);
    }

    static Instant at(LocalDate day, double hour) {
        return day.atTime(LocalTime.ofSecondOfDay((long) (hour * 3600))).atZone(KOLKATA).toInstant();
    }

    static Set<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }
}

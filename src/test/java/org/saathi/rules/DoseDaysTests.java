package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DoseDay;
import org.saathi.facts.DoseDay.Dose;
import org.saathi.facts.SessionType;

class DoseDaysTests {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    final List<Attendance> reports = new ArrayList<>();
    final List<CheckIn> checkIns = new ArrayList<>();
    Instant now = OffsetDateTime.parse("2026-01-15T09:00+05:30").toInstant();

    @Test
    void countsAMissTheClinicRecordedAndTheNextMorningsCheckInRepeatedAsOneDay() {
        now = OffsetDateTime.parse("2026-01-14T08:30+05:30").toInstant();
        clinic("2026-01-13T09:30+05:30", AttendanceStatus.ABSENT);
        said("2026-01-14T08:00+05:30", false);

        assertThat(days()).extracting(DoseDay::day, DoseDay::dose)
                .containsExactly(tuple(LocalDate.parse("2026-01-13"), Dose.MISSED));
        assertThat(days().get(0).reports()).hasSize(2);
    }

    @Test
    void readsACheckInAfterTheDaysDoseAsAboutThatDay() {
        clinic("2026-01-13T09:30+05:30", AttendanceStatus.ABSENT);
        said("2026-01-14T10:15+05:30", false);

        assertThat(days()).extracting(DoseDay::day).containsExactly(LocalDate.parse("2026-01-14"),
                LocalDate.parse("2026-01-13"));
        assertThat(days()).allMatch(DoseDay::missed);
    }

    @Test
    void readsACheckInBeforeTheDaysRecordedClinicDoseAsAboutTheDayBefore() {
        clinic("2026-01-13T11:00+05:30", AttendanceStatus.ATTENDED);
        clinic("2026-01-14T11:00+05:30", AttendanceStatus.ABSENT);
        said("2026-01-14T10:00+05:30", false);

        assertThat(days()).extracting(DoseDay::day, DoseDay::dose).containsExactly(
                tuple(LocalDate.parse("2026-01-14"), Dose.MISSED),
                tuple(LocalDate.parse("2026-01-13"), Dose.TAKEN));
    }

    @Test
    void readsAMorningCheckInOfAPastDayWithoutAClinicDoseAsAboutThatTakeHomeDay() {
        clinic("2026-01-10T08:45+05:30", AttendanceStatus.ATTENDED);
        said("2026-01-11T07:30+05:30", true);
        said("2026-01-12T08:15+05:30", false);
        clinic("2026-01-12T08:45+05:30", AttendanceStatus.ABSENT);

        assertThat(days()).extracting(DoseDay::day, DoseDay::dose).containsExactly(
                tuple(LocalDate.parse("2026-01-12"), Dose.MISSED),
                tuple(LocalDate.parse("2026-01-11"), Dose.TAKEN),
                tuple(LocalDate.parse("2026-01-10"), Dose.TAKEN));
    }

    @Test
    void readsACheckInOnItsOwnDayWhenNoClinicDosesAreRecorded() {
        said("2026-01-14T06:00+05:30", false);

        assertThat(days()).extracting(DoseDay::day).containsExactly(LocalDate.parse("2026-01-14"));
    }

    @Test
    void letsTheClinicDecideADayItRecorded() {
        clinic("2026-01-14T09:30+05:30", AttendanceStatus.ABSENT);
        said("2026-01-14T20:00+05:30", true);

        assertThat(days()).extracting(DoseDay::dose).containsExactly(Dose.MISSED);
        assertThat(days().get(0).reports()).allMatch(Attendance.class::isInstance);
    }

    @Test
    void takesAnExcusedClinicDoseAsArrangedUnlessTheParticipantSaysItWasNotTaken() {
        clinic("2026-01-13T09:30+05:30", AttendanceStatus.EXCUSED);
        clinic("2026-01-14T09:30+05:30", AttendanceStatus.EXCUSED);
        said("2026-01-14T21:00+05:30", false);

        assertThat(days()).extracting(DoseDay::dose).containsExactly(Dose.MISSED, Dose.ARRANGED);
    }

    @Test
    void takesADayAsTakenWhenOneOfItsCheckInsSaysSo() {
        said("2026-01-14T08:00+05:30", false);
        said("2026-01-14T21:00+05:30", true);

        assertThat(days()).extracting(DoseDay::dose).containsExactly(Dose.TAKEN);
    }

    @Test
    void countsDaysInTheParticipantsTimeZone() {
        said("2026-01-13T23:30Z", false);
        said("2026-01-14T00:30Z", false);

        assertThat(DoseDays.of("p", Window.sessions(reports), Window.numbered(checkIns), KOLKATA, now)).hasSize(1);
        assertThat(DoseDays.of("p", Window.sessions(reports), Window.numbered(checkIns), ZoneId.of("Europe/London"),
                now))
                .extracting(DoseDay::day).containsExactly(LocalDate.parse("2026-01-14"), LocalDate.parse("2026-01-13"));
    }

    @Test
    void numbersDoseDaysNewestFirstAndLeavesTheOtherSessionsAlone() {
        clinic("2026-01-12T09:30+05:30", AttendanceStatus.ATTENDED);
        clinic("2026-01-13T09:30+05:30", AttendanceStatus.ABSENT);
        reports.add(new Attendance("g", "p", OffsetDateTime.parse("2026-01-13T17:00+05:30").toInstant(), 0, "G-1",
                "G", SessionType.GROUP_THERAPY, AttendanceStatus.ABSENT));

        assertThat(days()).extracting(DoseDay::recency).containsExactly(1, 2);
        assertThat(Window.sessions(reports)).filteredOn(session -> !session.dose()).extracting(Attendance::recency)
                .containsExactly(1);
    }

    List<DoseDay> days() {
        return DoseDays.of("p", Window.sessions(reports), Window.numbered(checkIns), KOLKATA, now);
    }

    void clinic(String at, AttendanceStatus status) {
        String id = "dose-" + reports.size();
        reports.add(new Attendance(id, "p", OffsetDateTime.parse(at).toInstant(), 0, id, "CLINIC",
                SessionType.MEDICATION, status));
    }

    void said(String at, boolean taken) {
        checkIns.add(new CheckIn("c-" + checkIns.size(), "p", OffsetDateTime.parse(at).toInstant(), 0, 2, 7, null, null,
                null, taken, List.of()));
    }
}

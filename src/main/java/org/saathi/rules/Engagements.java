package org.saathi.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.saathi.facts.Attendance;
import org.saathi.facts.CheckIn;
import org.saathi.facts.Engagement;
import org.saathi.facts.Rhythm;
import org.saathi.facts.SessionType;

/**
 * Measures a participant's {@link Engagement} once, for ENG-001 and the deterioration score alike:
 * check-ins on their last rhythm.recentDays usual check-in days that have ended against the weeks before,
 * and peer meetings attended of the last rhythm.peerRecentDays days against as many before. Whole
 * calendar days of their time zone, so that the time of day does not move it.
 */
final class Engagements {

    private Engagements() {
    }

    /** Nothing measured: a rule set without the rhythm thresholds. */
    static Engagement none(String participantId, boolean expectsCheckIns) {
        return new Engagement(participantId, expectsCheckIns, List.of(), 0, 0, 0, 0, 0, 0, List.of());
    }

    static Engagement of(EvaluationInput input, Rhythm rhythm, Instant historyStart) {
        String id = input.participant().id();
        boolean expects = input.participant().expectsDailyCheckIn();
        return Rhythms.Settings.of(input.thresholds()).map(s -> measure(input, rhythm.usualDays(), historyStart, s))
                .orElse(none(id, expects));
    }

    private static Engagement measure(EvaluationInput input, Set<DayOfWeek> usualDays, Instant historyStart,
            Rhythms.Settings settings) {
        ZoneId zone = input.participant().timezone();
        LocalDate today = day(input.now(), zone);
        LocalDate recentFirst = recentFirst(usualDays, today, settings.recentDays());
        // the first day of history counts only when it is whole
        LocalDate beforeFirst = day(historyStart, zone).plusDays(1);
        Set<LocalDate> checkedIn = new HashSet<>();
        input.checkIns().forEach(c -> checkedIn.add(day(c.at(), zone)));
        List<LocalDate> recentDays = usualBetween(usualDays, recentFirst, today.minusDays(1));
        List<LocalDate> beforeDays = usualBetween(usualDays, beforeFirst, recentFirst.minusDays(1));
        double weeksBefore = Math.max(0, recentFirst.toEpochDay() - beforeFirst.toEpochDay()) / 7.0;
        List<CheckIn> recent = input.checkIns().stream().filter(c -> !day(c.at(), zone).isBefore(recentFirst))
                .toList();
        LocalDate peerFirst = today.minusDays(settings.peerRecentDays());
        List<Attendance> peerMeetings = Window.sessions(input.attendanceReports()).stream()
                .filter(a -> a.sessionType() == SessionType.PEER_MEETING && a.attended() && !a.at().isAfter(input.now()))
                .toList();
        int peerRecent = (int) peerMeetings.stream().filter(a -> !day(a.at(), zone).isBefore(peerFirst)).count();
        List<Attendance> peerBefore = peerMeetings.stream().filter(a -> day(a.at(), zone).isBefore(peerFirst)
                && !day(a.at(), zone).isBefore(peerFirst.minusDays(settings.peerRecentDays()))).toList();
        double shareBefore = beforeDays.isEmpty() ? 0
                : beforeDays.stream().filter(checkedIn::contains).count() / (double) beforeDays.size();
        return new Engagement(input.participant().id(), input.participant().expectsDailyCheckIn(), recent,
                recentDays.size(), (int) recentDays.stream().filter(checkedIn::contains).count(), shareBefore,
                weeksBefore, usualDays.size(), peerRecent, peerBefore);
    }

    /**
     * The first of the recent days: as many usual check-in days back as rhythm.recentDays says (7 of a
     * weekday-only person's days are 9 calendar days), so that a fall rests on as many expected
     * check-ins whatever the rhythm, but no further back than twice that many calendar days, so that
     * it stays recent for someone with few usual days. Days that have ended only: today is not yet missed.
     */
    static LocalDate recentFirst(Set<DayOfWeek> usualDays, LocalDate today, int recentDays) {
        LocalDate first = today.minusDays(recentDays);
        int usual = usualBetween(usualDays, first, today.minusDays(1)).size();
        while (usual < recentDays && first.isAfter(today.minusDays(2L * recentDays))) {
            first = first.minusDays(1);
            if (usualDays.contains(first.getDayOfWeek())) {
                usual++;
            }
        }
        return first;
    }

    private static List<LocalDate> usualBetween(Set<DayOfWeek> usualDays, LocalDate first, LocalDate last) {
        return Stream.iterate(first, d -> !d.isAfter(last), d -> d.plusDays(1))
                .filter(d -> usualDays.contains(d.getDayOfWeek())).toList();
    }

    private static LocalDate day(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }
}

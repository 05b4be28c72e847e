package org.saathi.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.CheckIn;
import org.saathi.facts.Rhythm;
import org.saathi.roster.CheckInSchedule;
import org.saathi.roster.ParticipantContext;

/**
 * Learns a participant's {@link Rhythm} from the check-ins and peer meetings of the window. Days are
 * calendar days in the programme's time zone, so that a check-in at 23:30 in Kolkata counts for that
 * day. What it learns from, and how much history it needs, are thresholds ({@code rhythm.*}); a rule
 * set that does not define them has no learned rhythm, only programme-wide thresholds.
 */
final class Rhythms {

    private static final double HOURS_PER_WEEK = 7 * 24;

    /** The thresholds that shape the learning, as thresholds.yaml documents them. */
    record Settings(int minCheckIns, int minDays, double usualDayShare, double silencePercentile, int recentDays,
            int peerRecentDays) {

        static final List<String> KEYS = List.of("rhythm.minCheckIns", "rhythm.minDays", "rhythm.usualDayShare",
                "rhythm.silencePercentile", "rhythm.recentDays", "rhythm.peerRecentDays");

        static Optional<Settings> of(Map<String, Double> thresholds) {
            if (!thresholds.keySet().containsAll(KEYS)) {
                return Optional.empty();
            }
            return Optional.of(new Settings(whole(thresholds, KEYS.get(0)), whole(thresholds, KEYS.get(1)),
                    thresholds.get(KEYS.get(2)), thresholds.get(KEYS.get(3)), whole(thresholds, KEYS.get(4)),
                    whole(thresholds, KEYS.get(5))));
        }

        private static int whole(Map<String, Double> thresholds, String key) {
            return (int) Math.round(thresholds.get(key));
        }
    }

    private Rhythms() {
    }

    static Rhythm of(EvaluationInput input) {
        ParticipantContext participant = input.participant();
        ZoneId zone = participant.timezone();
        Instant since = input.lastCheckIn().map(CheckIn::at).orElse(participant.enrolledAt());
        // learned from the check-ins up to the last one: the present silence is never learned as usual
        List<CheckIn> learned = input.checkIns().stream().filter(c -> !c.at().isAfter(since))
                .sorted(Comparator.comparing(CheckIn::at)).toList();
        Learned days = Settings.of(input.thresholds()).map(s -> learn(learned, zone, s)).orElse(Learned.NOTHING);
        Optional<CheckInSchedule> schedule = participant.checkInSchedule();
        Rhythm.Basis basis = schedule.isPresent() ? Rhythm.Basis.SCHEDULE
                : days.enough() ? Rhythm.Basis.LEARNED : Rhythm.Basis.TOO_LITTLE_HISTORY;
        Set<DayOfWeek> usualDays = schedule.map(CheckInSchedule::days)
                .orElse(days.enough() ? days.usualDays() : Set.of());
        double longest = schedule.map(s -> Math.max(longestScheduledGap(s.days()), days.enough() ? days.longest() : 0))
                .orElse(days.enough() ? days.longest() : 0);
        double interval = days.enough() ? days.interval()
                : schedule.map(s -> HOURS_PER_WEEK / s.days().size()).orElse(0.0);
        double silence = Math.max(0, hours(since, input.now()));
        double share = days.enough() ? usualShare(usualDays, learned, zone) : 1;
        return new Rhythm(participant.id(), participant.expectsDailyCheckIn(), basis, learned.size(), days.span(),
                usualDays, interval, longest, share, silence,
                expectedHours(usualDays, since, input.now(), zone, silence), missed(usualDays, since, input.now(), zone),
                input.lastCheckIn(), sessionsMissed(input, since));
    }

    /**
     * The share of their usual days, from the first check-in learned from to the last, with a check-in:
     * how often they keep their own rhythm, and so how long a run of missed days happens to them by chance.
     */
    static double usualShare(Set<DayOfWeek> usualDays, List<CheckIn> oldestFirst, ZoneId zone) {
        if (oldestFirst.isEmpty() || usualDays.isEmpty()) {
            return 1;
        }
        Set<LocalDate> checkedIn = new HashSet<>();
        oldestFirst.forEach(c -> checkedIn.add(day(c.at(), zone)));
        LocalDate last = day(oldestFirst.get(oldestFirst.size() - 1).at(), zone);
        int usual = 0;
        int kept = 0;
        for (LocalDate d = day(oldestFirst.get(0).at(), zone); !d.isAfter(last); d = d.plusDays(1)) {
            if (usualDays.contains(d.getDayOfWeek())) {
                usual++;
                if (checkedIn.contains(d)) {
                    kept++;
                }
            }
        }
        return usual == 0 ? 1 : kept / (double) usual;
    }

    /**
     * The hours of the silence that fell on their usual check-in days, in their calendar: a weekday-only
     * person's weekend does not count. All of it when no usual days are known.
     */
    static double expectedHours(Set<DayOfWeek> usualDays, Instant since, Instant now, ZoneId zone, double silence) {
        if (usualDays.isEmpty() || !now.isAfter(since)) {
            return silence;
        }
        double expected = 0;
        for (LocalDate d = day(since, zone); !d.isAfter(day(now, zone)); d = d.plusDays(1)) {
            if (usualDays.contains(d.getDayOfWeek())) {
                Instant from = max(since, d.atStartOfDay(zone).toInstant());
                Instant to = min(now, d.plusDays(1).atStartOfDay(zone).toInstant());
                expected += Math.max(0, hours(from, to));
            }
        }
        return expected;
    }

    /** Group, counselling and peer sessions missed without excuse since the last check-in (doses are MED-001's). */
    static List<Attendance> sessionsMissed(EvaluationInput input, Instant since) {
        return Window.sessions(input.attendanceReports()).stream()
                .filter(a -> !a.dose() && a.status() == AttendanceStatus.ABSENT && a.at().isAfter(since)
                        && !a.at().isAfter(input.now()))
                .toList();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** What the check-ins up to the last one say; {@code enough} when they are history enough to rest on. */
    record Learned(boolean enough, int span, Set<DayOfWeek> usualDays, double interval, double longest) {

        static final Learned NOTHING = new Learned(false, 0, Set.of(), 0, 0);
    }

    static Learned learn(List<CheckIn> oldestFirst, ZoneId zone, Settings settings) {
        if (oldestFirst.isEmpty()) {
            return Learned.NOTHING;
        }
        LocalDate first = day(oldestFirst.get(0).at(), zone);
        LocalDate last = day(oldestFirst.get(oldestFirst.size() - 1).at(), zone);
        int span = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        Set<LocalDate> checkedIn = new HashSet<>();
        oldestFirst.forEach(c -> checkedIn.add(day(c.at(), zone)));
        // each weekday of the span, and on how many of them they checked in
        int[] occurrences = new int[DayOfWeek.values().length];
        int[] with = new int[occurrences.length];
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            int weekday = d.getDayOfWeek().ordinal();
            occurrences[weekday]++;
            if (checkedIn.contains(d)) {
                with[weekday]++;
            }
        }
        Set<DayOfWeek> usual = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek weekday : DayOfWeek.values()) {
            int w = weekday.ordinal();
            if (occurrences[w] > 0 && with[w] >= settings.usualDayShare() * occurrences[w]) {
                usual.add(weekday);
            }
        }
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < oldestFirst.size(); i++) {
            gaps.add(hours(oldestFirst.get(i - 1).at(), oldestFirst.get(i).at()));
        }
        gaps.sort(Comparator.naturalOrder());
        boolean enough = oldestFirst.size() >= settings.minCheckIns() && span >= settings.minDays();
        return new Learned(enough, span, usual, percentile(gaps, 50), percentile(gaps, settings.silencePercentile()));
    }

    /** Nearest rank: the smallest gap that at least {@code percent} % of the gaps do not exceed. */
    static double percentile(List<Double> sorted, double percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** Usual days that have ended since the day of {@code since}, in the programme's calendar. */
    static int missed(Set<DayOfWeek> usualDays, Instant since, Instant now, ZoneId zone) {
        LocalDate today = day(now, zone);
        int missed = 0;
        for (LocalDate d = day(since, zone).plusDays(1); d.isBefore(today); d = d.plusDays(1)) {
            if (usualDays.contains(d.getDayOfWeek())) {
                missed++;
            }
        }
        return missed;
    }

    /** The longest stretch a schedule leaves between two check-in days: 72 hours over a weekend for WEEKDAYS. */
    static double longestScheduledGap(Set<DayOfWeek> days) {
        int longest = 0;
        for (DayOfWeek day : days) {
            int next = 1;
            while (!days.contains(day.plus(next))) {
                next++;
            }
            longest = Math.max(longest, next);
        }
        return longest * 24.0;
    }

    private static LocalDate day(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes() / 60.0;
    }
}

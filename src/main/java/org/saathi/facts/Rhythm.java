package org.saathi.facts;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The participant's own rhythm of check-ins, learned from the check-ins of the window up to their
 * last one, in the calendar days of their programme's time zone, and how the present departs from it.
 *
 * @param expectsCheckIns false for a participant the programme does not expect to check in at all
 * @param basis what {@code usualDays} and {@code longestUsualSilenceHours} rest on
 * @param checkIns check-ins the rhythm was learned from; {@code daysLearned} the calendar days they span
 * @param usualDays the days of the week they usually check in, or the programme's schedule when it gave one
 * @param usualIntervalHours the median time between consecutive check-ins
 * @param longestUsualSilenceHours a high percentile of the times between consecutive check-ins
 *        (threshold rhythm.silencePercentile), or the longest gap the schedule leaves when there is too
 *        little history to learn it
 * @param usualDaysKept the share of their usual days with a check-in, over the days learned from (1 when
 *        nothing is learned): someone who keeps 97 % of them rarely misses two in a row by chance
 * @param silenceHours since the last check-in, or since enrolment for someone who never checked in
 * @param expectedSilenceHours the hours of that silence that fell on their usual check-in days (all of it
 *        when none are known): a weekday-only person's weekend is not silence
 * @param usualDaysMissed usual check-in days that have ended since the day of the last check-in without one
 * @param sessionsMissed group, counselling and peer sessions missed without excuse since the last check-in
 */
public record Rhythm(String participantId, boolean expectsCheckIns, Basis basis, int checkIns, int daysLearned,
        Set<DayOfWeek> usualDays, double usualIntervalHours, double longestUsualSilenceHours, double usualDaysKept,
        double silenceHours,
        double expectedSilenceHours, int usualDaysMissed, Optional<CheckIn> lastCheckIn,
        List<Attendance> sessionsMissed) {

    /** What the rhythm rests on. */
    public enum Basis {
        /** Enough of their own history: days and silences are their own. */
        LEARNED,
        /** The programme's schedule gives the days; silences are learned when there is history enough. */
        SCHEDULE,
        /** Too little history and no schedule: programme-wide thresholds apply. */
        TOO_LITTLE_HISTORY
    }

    public Rhythm {
        usualDays = usualDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(usualDays));
        sessionsMissed = List.copyOf(sessionsMissed);
    }

    /** Whether the rules can measure silence against this person's rhythm rather than programme-wide. */
    public boolean known() {
        return basis != Basis.TOO_LITTLE_HISTORY;
    }

    /** Whether the present silence is longer than their longest usual silence by {@code marginHours} or more. */
    public boolean silentBeyondUsualBy(double marginHours) {
        return silenceHours >= longestUsualSilenceHours + marginHours;
    }

    /**
     * The fewest usual days missed in a row that would happen to them by chance at most {@code chance}
     * of the time, their misses taken as independent: 2 for someone who keeps 97 % of their days
     * (a run of two misses 1 time in 1,100), 3 for someone who keeps 88 % (1 in 580). At least 1.
     */
    public int unusualRun(double chance) {
        double missed = 1 - usualDaysKept;
        if (missed <= 0) {
            return 1;
        }
        int run = 1;
        while (Math.pow(missed, run) > chance && run < 14) {
            run++;
        }
        return run;
    }

    /** "usually checks in Mon-Fri", "expected to check in Mon, Wed and Fri", "usually checks in every day". */
    public String daysInWords() {
        String who = basis == Basis.SCHEDULE ? "expected to check in " : "usually checks in ";
        return who + days(usualDays);
    }

    /** "3 days", "1 day", "1.5 days": hours as days, to the half day. */
    public static String asDays(double hours) {
        double days = Math.round(hours / 12) / 2.0;
        return Explain.number(days) + (days == 1 ? " day" : " days");
    }

    static String days(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "every day";
        }
        if (days.isEmpty()) {
            return "on no regular day";
        }
        List<DayOfWeek> sorted = days.stream().sorted().toList();
        DayOfWeek first = sorted.get(0);
        DayOfWeek last = sorted.get(sorted.size() - 1);
        if (sorted.size() >= 3 && last.getValue() - first.getValue() == sorted.size() - 1) {
            return name(first) + "-" + name(last);
        }
        List<String> names = new ArrayList<>();
        sorted.forEach(day -> names.add(name(day)));
        return Explain.join(names);
    }

    private static String name(DayOfWeek day) {
        String name = day.name();
        return name.charAt(0) + name.substring(1, 3).toLowerCase(java.util.Locale.ROOT);
    }

    /** "1 session", "2 sessions": the sessions missed since the last check-in. */
    public String sessionsMissedInWords() {
        return sessionsMissed.size() + (sessionsMissed.size() == 1 ? " session" : " sessions");
    }

    /** The evidence of a silence: the last check-in, if any, and the sessions missed since. */
    public List<Fact> silenceEvidence() {
        List<Fact> evidence = new ArrayList<>();
        lastCheckIn.ifPresent(evidence::add);
        evidence.addAll(sessionsMissed);
        return evidence;
    }
}

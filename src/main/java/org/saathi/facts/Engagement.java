package org.saathi.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * How much the participant is still in contact, against their own previous weeks: the one measure of
 * engagement that ENG-001 and the deterioration score's engagement domain both read. Counted in whole
 * calendar days of the participant's time zone, on their usual check-in days ({@link Rhythm}), so that
 * a weekday-only rhythm is no fall and a check-in due later today is not yet missing.
 *
 * @param expectsCheckIns false for a participant the programme does not expect to check in at all
 * @param recentCheckIns the check-ins of the last rhythm.recentDays days that have ended, and of today
 * @param recentUsualDays their usual check-in days among those ended days; {@code recentDaysCheckedIn}
 *        how many of them had a check-in
 * @param shareBefore the share of their usual check-in days with a check-in in the weeks of the window
 *        before those days, {@code weeksBefore} how many weeks that share rests on (none before enrolment)
 * @param usualDaysPerWeek how many days of the week are their usual check-in days
 * @param peerMeetingsRecent peer meetings attended on the last rhythm.peerRecentDays days and today
 * @param peerMeetingsBefore peer meetings attended on as many days before those, the evidence of a drop
 */
public record Engagement(String participantId, boolean expectsCheckIns, List<CheckIn> recentCheckIns,
        int recentUsualDays, int recentDaysCheckedIn, double shareBefore, double weeksBefore, int usualDaysPerWeek,
        int peerMeetingsRecent, List<Attendance> peerMeetingsBefore) {

    public Engagement {
        recentCheckIns = List.copyOf(recentCheckIns);
        peerMeetingsBefore = List.copyOf(peerMeetingsBefore);
    }

    /** The share of their recent usual days with a check-in. */
    public double recentShare() {
        return recentUsualDays == 0 ? 0 : recentDaysCheckedIn / (double) recentUsualDays;
    }

    /** Whether they checked in on at most {@code share} of the share of usual days they did before. */
    public boolean recentAtMost(double share) {
        return recentUsualDays > 0 && recentDaysCheckedIn <= recentUsualDays * shareBefore * share;
    }

    /** How far the recent share fell below the share before, in percent; 0 when it did not fall. */
    public double fallPercent() {
        return shareBefore == 0 ? 0 : Math.max(0, 100 * (1 - recentShare() / shareBefore));
    }

    /** Check-ins a week on their usual days, before the recent days. */
    public double usualCheckInsPerWeekBefore() {
        return shareBefore * usualDaysPerWeek;
    }

    /** "93 %": the share of usual days with a check-in before. */
    public String shareBeforeInWords() {
        return Math.round(shareBefore * 100) + " %";
    }

    public int peerMeetingsAttendedBefore() {
        return peerMeetingsBefore.size();
    }

    /** The evidence of engagement falling: the few recent check-ins and the peer meetings attended before. */
    public List<Fact> evidence() {
        List<Fact> evidence = new ArrayList<>(recentCheckIns);
        evidence.addAll(peerMeetingsBefore);
        return evidence;
    }
}

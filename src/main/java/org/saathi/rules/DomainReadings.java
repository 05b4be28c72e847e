package org.saathi.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.CheckIn;
import org.saathi.facts.ConcernLevel;
import org.saathi.facts.Engagement;
import org.saathi.facts.DoseDay;
import org.saathi.facts.Explain;
import org.saathi.facts.Fact;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.SessionType;

/**
 * Measures each domain of the deterioration score from the facts, in numbers the table's bands
 * score and in words a counsellor reads. A domain with nothing recent to measure says why.
 */
final class DomainReadings {

    /** Engagement is compared with at least this many weeks of history before its recent days. */
    static final double ENGAGEMENT_HISTORY_WEEKS = 2;

    /** One measure: its value, rounded to the tenth shown, what it says, and the facts it rests on. */
    record Reading(double value, String words, List<? extends Fact> evidence) {

        Reading {
            value = Math.round(value * 10) / 10.0;
        }
    }

    /** A domain's measures by their table name; none, and why, when there is nothing recent to measure. */
    record Readings(Map<String, Reading> byMeasure, String unmeasured) {

        static Readings none(String why) {
            return new Readings(Map.of(), why);
        }
    }

    private DomainReadings() {
    }

    static Readings read(DeteriorationTable.Domain domain, ScoringScope scope) {
        DeteriorationDomain kind = domain.kind();
        return switch (kind) {
            case CRAVING -> DeteriorationTrend.read(scope, CheckIn::craving, true, minSpread(domain),
                    mostSpreads(domain));
            case MOOD -> DeteriorationTrend.read(scope, CheckIn::mood, false, minSpread(domain), mostSpreads(domain));
            case CRAVING_WITH_MOOD -> DeteriorationTrend.together(scope, days(domain),
                    kind.setting(domain.settings(), DeteriorationDomain.Setting.USUAL_DAYS),
                    kind.setting(domain.settings(), DeteriorationDomain.Setting.ALLOWANCE), minSpread(domain),
                    mostSpreads(domain));
            case SLEEP -> sleep(scope, kind.setting(domain.settings(), DeteriorationDomain.Setting.SHORT_NIGHT_HOURS));
            case STRESS -> stress(scope);
            case TRIGGERS -> triggers(scope, days(domain));
            case ENGAGEMENT -> engagement(scope,
                    kind.setting(domain.settings(), DeteriorationDomain.Setting.MIN_USUAL_PER_WEEK));
            case ATTENDANCE -> attendance(scope, days(domain));
            case MEDICATION -> medication(scope, days(domain));
            case PEER_CONCERNS -> concerns(scope, days(domain));
            case SCREENING -> ScreeningReadings.read(scope, days(domain));
        };
    }

    private static double days(DeteriorationTable.Domain domain) {
        return domain.kind().setting(domain.settings(), DeteriorationDomain.Setting.DAYS);
    }

    private static double minSpread(DeteriorationTable.Domain domain) {
        return domain.kind().setting(domain.settings(), DeteriorationDomain.Setting.MIN_SPREAD);
    }

    private static double mostSpreads(DeteriorationTable.Domain domain) {
        return domain.kind().setting(domain.settings(), DeteriorationDomain.Setting.MOST_SPREADS);
    }

    private static String notEnoughCheckIns(ScoringScope scope) {
        return "fewer than " + scope.recentCount() + " check-ins in the last " + Explain.number(scope.recentDays())
                + " days";
    }

    private static Readings sleep(ScoringScope scope, double shortNightHours) {
        List<CheckIn> recent = scope.recentCheckIns();
        List<CheckIn> answered = recent.stream().filter(checkIn -> checkIn.sleepHours() != null).toList();
        if (answered.size() < 2) {
            return Readings.none(recent.isEmpty() ? notEnoughCheckIns(scope) : "sleep not asked in the recent check-ins");
        }
        List<CheckIn> shortNights = answered.stream().filter(checkIn -> checkIn.sleptLessThan(shortNightHours)).toList();
        double hours = ScoringScope.mean(answered, CheckIn::sleepHours);
        Map<String, Reading> readings = new LinkedHashMap<>();
        readings.put("shortNights", new Reading(shortNights.size(), shortNights.size() + " of " + answered.size()
                + " nights under " + Explain.number(shortNightHours) + " hours", shortNights));
        readings.put("hours", new Reading(hours, "mean " + Explain.number(hours) + " hours of the last "
                + answered.size() + " nights", answered));
        return new Readings(readings, "");
    }

    private static Readings stress(ScoringScope scope) {
        List<CheckIn> recent = scope.recentCheckIns();
        List<CheckIn> answered = recent.stream().filter(checkIn -> checkIn.stress() != null).toList();
        if (answered.size() < 2) {
            return Readings.none(recent.isEmpty() ? notEnoughCheckIns(scope) : "stress not asked in the recent check-ins");
        }
        double middle = ScoringScope.median(answered, CheckIn::stress);
        return new Readings(Map.of("level", new Reading(middle, "middle " + Explain.number(middle) + " of the last "
                + answered.size() + " check-ins that asked", answered)), "");
    }

    private static Readings triggers(ScoringScope scope, double days) {
        List<CheckIn> period = scope.within(scope.checkIns(), days);
        if (period.isEmpty()) {
            return Readings.none("no check-ins in the last " + Explain.number(days) + " days");
        }
        List<CheckIn> naming = period.stream().filter(checkIn -> !checkIn.triggers().isEmpty()).toList();
        return new Readings(Map.of("checkIns", new Reading(naming.size(), "triggers named in " + naming.size() + " of "
                + period.size() + " check-ins in the last " + Explain.number(days) + " days", naming)), "");
    }

    /**
     * Engagement as ENG-001 measures it ({@link Engagement}): the share of their usual check-in days with
     * a check-in in the recent days, against the share in the weeks before.
     */
    private static Readings engagement(ScoringScope scope, double minUsualPerWeek) {
        Engagement engagement = scope.engagement();
        if (engagement.weeksBefore() < ENGAGEMENT_HISTORY_WEEKS || engagement.recentUsualDays() == 0) {
            return Readings.none("less than " + Explain.number(ENGAGEMENT_HISTORY_WEEKS) + " weeks of usual check-in "
                    + "days before their recent ones");
        }
        if (engagement.recentCheckIns().isEmpty()) {
            return Readings.none("no check-in on their recent usual days: a silence, which GAP-001 raises");
        }
        if (engagement.usualCheckInsPerWeekBefore() < minUsualPerWeek) {
            return Readings.none("usually fewer than " + Explain.number(minUsualPerWeek) + " check-ins a week");
        }
        return new Readings(Map.of("fall", new Reading(engagement.fallPercent(), "checked in on "
                + engagement.recentDaysCheckedIn() + " of their last " + engagement.recentUsualDays()
                + " usual check-in days against " + engagement.shareBeforeInWords() + " before",
                engagement.recentCheckIns())), "");
    }

    private static Readings attendance(ScoringScope scope, double days) {
        List<Attendance> sessions = scope.within(scope.sessions(), days).stream()
                .filter(session -> session.sessionType() != SessionType.MEDICATION).toList();
        if (sessions.isEmpty()) {
            return Readings.none("no sessions in the last " + Explain.number(days) + " days");
        }
        List<Attendance> absences = sessions.stream().filter(session -> session.status() == AttendanceStatus.ABSENT)
                .toList();
        return new Readings(Map.of("absences", new Reading(absences.size(), absences.size()
                + " unexcused absences of " + sessions.size() + " sessions in the last " + Explain.number(days)
                + " days", absences)), "");
    }

    /**
     * Missed dose days in a row up to the latest dose day, as MED-001 counts them ({@link DoseDays}):
     * one missed dose told twice, by the clinic and by the next check-in, is one day, and a dose
     * taken ends the run. Only dose days of the last given days count.
     */
    private static Readings medication(ScoringScope scope, double days) {
        List<DoseDay> recent = scope.doseDays().stream().filter(day -> scope.now().withinDays(day.at(), days))
                .toList();
        if (recent.isEmpty()) {
            return Readings.none("no doses recorded in the last " + Explain.number(days) + " days");
        }
        List<DoseDay> run = recent.stream().sorted(java.util.Comparator.comparingInt(DoseDay::recency))
                .takeWhile(DoseDay::missed).toList();
        String words = switch (run.size()) {
            case 0 -> "the latest dose taken";
            case 1 -> "the latest dose missed, one alone";
            default -> "doses missed on " + Explain.doseDays(run);
        };
        return new Readings(Map.of("missed", new Reading(run.size(), words, DoseDay.reportsOf(run))), "");
    }

    private static Readings concerns(ScoringScope scope, double days) {
        List<PeerConcern> recent = scope.within(scope.concerns(), days);
        if (recent.isEmpty()) {
            return Readings.none("no peer concerns in the last " + Explain.number(days) + " days");
        }
        Map<String, Reading> readings = new LinkedHashMap<>();
        for (ConcernLevel level : ConcernLevel.values()) {
            List<PeerConcern> atLevel = recent.stream().filter(concern -> concern.level() == level).toList();
            String name = Explain.words(level.name());
            readings.put(name, new Reading(atLevel.size(), atLevel.size() + " " + name + " of " + recent.size()
                    + " concerns in the last " + Explain.number(days) + " days", atLevel));
        }
        return new Readings(readings, "");
    }
}

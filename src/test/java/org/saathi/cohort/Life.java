package org.saathi.cohort;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Lives one person's days, oldest first, into facts: the check-in of the day (or none), the
 * sessions of the day, the clinic dose, drug screens and a four-weekly PHQ-9, each with its
 * pattern's departures ({@link Course}) on the way to the episode, then the use and what follows.
 */
final class Life {

    static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    private final Pattern pattern;
    private final LocalDate start;
    private final SplittableRandom random;
    private final Rhythm rhythm;
    private final Course course;
    private final Facts facts;
    private final int phq9Offset;
    private Instant episodeAt;
    private boolean missedDoseYesterday;

    private Life(String id, Pattern pattern, LocalDate start, int days, SplittableRandom random) {
        this.pattern = pattern;
        this.start = start;
        this.random = random;
        this.rhythm = Rhythm.draw(pattern, random);
        this.course = Course.draw(pattern, days, random);
        this.facts = new Facts(id, random);
        this.phq9Offset = random.nextInt(3, 28);
    }

    static Person live(String id, Pattern pattern, LocalDate start, int days, SplittableRandom random) {
        Life life = new Life(id, pattern, start, days, random);
        life.facts.participant(start.atStartOfDay(ZONE).toInstant());
        for (int day = 0; day < days; day++) {
            life.day(day);
        }
        return new Person(id, pattern, Optional.ofNullable(life.episodeAt), life.facts.lines());
    }

    private void day(int day) {
        LocalDate date = start.plusDays(day);
        Course.Shift shift = course.on(day, rhythm);
        boolean silent = shift.silent() || course.silentAfterUse(day);
        boolean after = course.relapses() && day > course.episodeDay();
        sessions(date, shift, silent);
        boolean doseMissed = dose(date, shift, silent);
        if (course.relapses() && day == course.episodeDay()) {
            use(date);
        } else if (!silent && !course.returnsOn(day) && checksIn(date, shift, after)) {
            checkIn(date, shift, doseMissed, after);
        }
        screens(day, date, silent);
        if (!silent && (day - phq9Offset) % 28 == 0 && day >= phq9Offset) {
            facts.phq9(at(date, 11.5 + random.nextDouble(0, 4)), phq9Items());
        }
    }

    private boolean checksIn(LocalDate date, Course.Shift shift, boolean after) {
        DayOfWeek dow = date.getDayOfWeek();
        double chance = (1 - rhythm.skipChanceOn(dow)) * shift.checkInChance() * (after ? 0.7 : 1);
        return rhythm.checksInOn(dow) && random.nextDouble() < chance;
    }

    private void checkIn(LocalDate date, Course.Shift shift, boolean doseMissed, boolean after) {
        boolean bad = random.nextDouble() < 0.03;
        double craving = rhythm.craving() + shift.craving() + random.nextGaussian() * rhythm.cravingWobble()
                + (bad ? 3 : 0) + (after ? 3 : 0);
        double mood = rhythm.mood() + shift.mood() + random.nextGaussian() * rhythm.moodWobble() - (bad ? 2 : 0);
        double sleep = rhythm.sleep() + shift.sleep() + random.nextGaussian() * 0.8;
        Double stress = rhythm.answersStress() ? Double.valueOf(3 + shift.stress() + random.nextGaussian()) : null;
        Boolean medication = pattern.opioidSubstitution() ? !doseMissed : null;
        boolean used = after && random.nextDouble() < 0.4;
        List<String> triggers = bad || shift.trigger() ? List.of(bad ? "payday" : "family conflict") : List.of();
        facts.checkIn(checkInTime(date, shift), round(craving, 0, 10), round(mood, 1, 10), stress, sleep, used,
                medication, triggers, random.nextDouble() < 0.05);
    }

    /** The first use: a check-in that says so (a silent relapse says nothing until it comes back). */
    private void use(LocalDate date) {
        Instant at = at(date, random.nextDouble(17, 22.5));
        episodeAt = at;
        if (pattern != Pattern.SILENT_RELAPSE) {
            Boolean medication = pattern.opioidSubstitution() ? Boolean.TRUE : null;
            facts.checkIn(at, round(rhythm.craving() + 5, 0, 10), round(rhythm.mood() - 3, 1, 10), null,
                    rhythm.sleep() - 2, true, medication, List.of(), false);
        }
    }

    private Instant checkInTime(LocalDate date, Course.Shift shift) {
        double hour = random.nextDouble() < 0.05 ? random.nextDouble(6, 24)
                : rhythm.checkInHour() + random.nextGaussian() * rhythm.hourSpread() * shift.hourSpread();
        return at(date, Math.max(6, Math.min(23.9, hour)));
    }

    private void sessions(LocalDate date, Course.Shift shift, boolean silent) {
        DayOfWeek dow = date.getDayOfWeek();
        if (dow == rhythm.groupDay()) {
            facts.attendance(at(date, 17), "GROUP_THERAPY", "G-" + dow.getValue(), status(shift, silent));
        }
        if (dow == rhythm.counsellingDay()) {
            facts.attendance(at(date, 11), "COUNSELLING", null, status(shift, silent));
        }
        if (dow == DayOfWeek.SATURDAY && rhythm.peerMeetings()) {
            facts.attendance(at(date, 11), "PEER_MEETING", "PM-1", status(shift, silent));
        }
    }

    private String status(Course.Shift shift, boolean silent) {
        if (silent || random.nextDouble() < shift.missSessionChance()) {
            return "ABSENT";
        }
        double roll = random.nextDouble();
        if (roll < rhythm.absentChance()) {
            return "ABSENT";
        }
        if (roll < rhythm.absentChance() + rhythm.excusedChance()) {
            return "EXCUSED";
        }
        return roll < 0.9 ? "ATTENDED" : roll < 0.96 ? "LATE" : "LEFT_EARLY";
    }

    /**
     * The day's dose, on opioid substitution: at the clinic Monday to Saturday, taken home on Sunday.
     * Answers whether it was missed. A stable person misses one now and then, never two running.
     */
    private boolean dose(LocalDate date, Course.Shift shift, boolean silent) {
        if (!pattern.opioidSubstitution()) {
            return false;
        }
        boolean missed = silent || shift.doseMissed()
                || (!missedDoseYesterday && random.nextDouble() < rhythm.missDoseChance());
        if (date.getDayOfWeek() != DayOfWeek.SUNDAY) {
            facts.attendance(at(date, rhythm.doseHour()), "MEDICATION", "CLINIC", missed ? "ABSENT" : "ATTENDED");
        }
        missedDoseYesterday = missed;
        return missed;
    }

    /** Weekly on opioid substitution, fortnightly otherwise; positive once they have used. */
    private void screens(int day, LocalDate date, boolean silent) {
        boolean used = course.relapses() && day > course.episodeDay();
        if (course.returnsOn(day)) {
            facts.screen(at(date, 12), true);
            facts.checkIn(at(date, 12.5), round(rhythm.craving() + 4, 0, 10), round(rhythm.mood() - 2, 1, 10), null,
                    rhythm.sleep() - 1, true, null, List.of(), false);
            return;
        }
        boolean due = date.getDayOfWeek() == rhythm.screenDay()
                && (pattern.opioidSubstitution() || (day / 7) % 2 == 0);
        if (due && !silent) {
            facts.screen(at(date, pattern.opioidSubstitution() ? rhythm.doseHour() + 0.5 : 11.5), used);
        }
    }

    private List<Integer> phq9Items() {
        List<Integer> items = new ArrayList<>();
        for (int item = 0; item < 8; item++) {
            double roll = random.nextDouble();
            items.add(roll < 0.6 ? 0 : roll < 0.95 ? 1 : 2);
        }
        items.add(0);
        return items;
    }

    private static Instant at(LocalDate date, double hour) {
        return date.atStartOfDay(ZONE).plusSeconds(Math.round(hour * 3600)).toInstant();
    }

    private static int round(double value, int lowest, int highest) {
        return (int) Math.max(lowest, Math.min(highest, Math.round(value)));
    }
}

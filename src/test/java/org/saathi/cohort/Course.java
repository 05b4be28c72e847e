package org.saathi.cohort;

import java.util.random.RandomGenerator;

/**
 * How a person's days depart from their rhythm on the way to their episode, drawn once per person:
 * the prodrome of their pattern, day by day. A stable person's course departs from nothing.
 *
 * @param episodeDay the day (from the cohort's first, 0) of the first use; -1 for a stable person
 * @param prodromeDays how many days before it the prodrome begins (the silence, for a silent relapse)
 * @param peakCraving the craving an overt relapse climbs to
 * @param moodFall how far an overt relapse's mood falls
 * @param missedDoses doses missed in a row just before use
 * @param returnsAfter for a silent relapse, the days from the use until it comes back as a positive screen
 */
record Course(Pattern pattern, int episodeDay, int prodromeDays, double peakCraving, double moodFall,
        int missedDoses, int returnsAfter) {

    /**
     * How one day differs from the rhythm.
     *
     * @param craving points added to the usual craving; {@code mood}, {@code sleep}, {@code stress} likewise
     * @param checkInChance factor on the chance of a check-in (a large one: a check-in for certain)
     * @param hourSpread factor on how far the check-in time wanders
     * @param missSessionChance chance of missing a session unexcused, on top of the usual
     * @param doseMissed the day's dose is missed
     * @param silent nothing at all: no check-in, absent from every session, no screen
     * @param trigger the check-in names a trigger
     */
    record Shift(double craving, double mood, double sleep, double stress, double checkInChance, double hourSpread,
            double missSessionChance, boolean doseMissed, boolean silent, boolean trigger) {

        static final Shift NONE = new Shift(0, 0, 0, 0, 1, 1, 0, false, false, false);
    }

    static Course draw(Pattern pattern, int days, RandomGenerator random) {
        if (pattern.stable()) {
            return new Course(pattern, -1, 0, 0, 0, 0, 0);
        }
        // late enough for a month of history before the prodrome, early enough to see what follows
        int episode = random.nextInt(40, days - 5);
        int prodrome = switch (pattern) {
            case OVERT_RELAPSE -> random.nextInt(5, 8);
            case SUBTLE_RELAPSE -> 6;
            case SILENT_RELAPSE -> random.nextInt(2, 7);
            case MISSED_DOSES -> random.nextInt(2, 4);
            default -> 10;
        };
        return new Course(pattern, episode, prodrome, random.nextDouble(8, 10.5), random.nextDouble(3, 4), prodrome,
                random.nextInt(1, 4));
    }

    boolean relapses() {
        return episodeDay >= 0;
    }

    /** The departure on a day before the episode (or on any day of a stable person). */
    Shift on(int day, Rhythm rhythm) {
        int before = episodeDay - day;
        if (!relapses() || before <= 0 || before > prodromeDays) {
            return Shift.NONE;
        }
        // 1/prodromeDays on the prodrome's first day, 1 on the day before the use
        double p = (prodromeDays - before + 1) / (double) prodromeDays;
        return switch (pattern) {
            case OVERT_RELAPSE -> new Shift(p * Math.max(0, peakCraving - rhythm.craving()), -p * moodFall, -p * 2.5,
                    p * 4, 1, 1, 0, false, false, p > 0.5);
            case SUBTLE_RELAPSE -> new Shift(p * 3, -p * 2, 0, 0, 1, 1, 0, false, false, false);
            case SILENT_RELAPSE -> new Shift(0, 0, 0, 0, 0, 1, 1, false, true, false);
            // they still check in, saying the dose was not taken (a missed Sunday take-home dose shows only there)
            case MISSED_DOSES -> new Shift(1, 0, 0, 0, 100, 1, 0, true, false, false);
            default -> new Shift(p * 1.5, -p * 1.5, 0, 0, 1 - 0.85 * p, 1 + p, 0.2 + 0.7 * p, false, false, false);
        };
    }

    /** A silent relapse is silent from the prodrome until it comes back, after the use. */
    boolean silentAfterUse(int day) {
        return pattern == Pattern.SILENT_RELAPSE && day >= episodeDay && day < episodeDay + returnsAfter;
    }

    /** The day a silent relapse comes back: a positive screen, and a check-in saying they used. */
    boolean returnsOn(int day) {
        return pattern == Pattern.SILENT_RELAPSE && day == episodeDay + returnsAfter;
    }
}

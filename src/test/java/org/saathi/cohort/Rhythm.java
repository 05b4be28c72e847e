package org.saathi.cohort;

import java.time.DayOfWeek;
import java.util.random.RandomGenerator;

/**
 * One person's own rhythm, drawn once: when they check in, how often they skip, their usual craving
 * and mood and how much these wobble, and their weekly sessions. Figures are the model's, chosen
 * to look like an engaged outpatient in stable recovery, not taken from a study.
 *
 * @param checkInHour usual time of day of the check-in, in hours after midnight in Asia/Kolkata
 * @param hourSpread how far either way (standard deviation, hours) the check-in time wanders
 * @param skipChance chance of no check-in on a day they would check in
 * @param weekendSkipChance the same on Saturday and Sunday (higher for weekend skippers)
 * @param weekdaysOnly never checks in on Saturday or Sunday
 * @param craving usual craving, 0-10, and {@code cravingWobble} its day-to-day standard deviation
 * @param mood usual mood, 1-10, and {@code moodWobble} its day-to-day standard deviation
 * @param sleep usual hours of sleep
 * @param answersStress whether their app asks about stress
 * @param groupDay weekly group therapy, at 17:00; {@code counsellingDay} weekly counselling, at 11:00
 * @param peerMeetings whether they go to a weekly peer meeting (Saturday 11:00)
 * @param absentChance chance of missing a session unexcused; {@code excusedChance} of an excused absence
 * @param doseHour time of the daily clinic dose, for opioid substitution
 * @param missDoseChance chance of missing a single clinic dose, for opioid substitution
 * @param screenDay weekday of the drug screen (weekly on opioid substitution, fortnightly otherwise)
 */
record Rhythm(double checkInHour, double hourSpread, double skipChance, double weekendSkipChance,
        boolean weekdaysOnly, double craving, double cravingWobble, double mood, double moodWobble, double sleep,
        boolean answersStress, DayOfWeek groupDay, DayOfWeek counsellingDay, boolean peerMeetings,
        double absentChance, double excusedChance, double doseHour, double missDoseChance, DayOfWeek screenDay) {

    private static final DayOfWeek[] WEEKDAYS = {DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY};

    static Rhythm draw(Pattern pattern, RandomGenerator random) {
        double skip = random.nextDouble(0.03, 0.15);
        boolean weekendSkipper = random.nextDouble() < 0.3;
        DayOfWeek group = WEEKDAYS[random.nextInt(WEEKDAYS.length)];
        DayOfWeek counselling = WEEKDAYS[(group.ordinal() + 1 + random.nextInt(4)) % WEEKDAYS.length];
        return new Rhythm(random.nextDouble(7, 22), random.nextDouble(0.5, 2.5), skip,
                weekendSkipper ? random.nextDouble(0.35, 0.65) : skip,
                pattern == Pattern.STABLE_WEEKDAYS, random.nextDouble(0, 4), random.nextDouble(0.6, 1.3),
                random.nextDouble(5, 8.5), random.nextDouble(0.6, 1.2), random.nextDouble(6, 8),
                random.nextBoolean(), group, counselling, random.nextBoolean(), random.nextDouble(0.01, 0.05),
                random.nextDouble(0.02, 0.06), random.nextDouble(8, 11), random.nextDouble(0.02, 0.06),
                WEEKDAYS[random.nextInt(WEEKDAYS.length)]);
    }

    /** Whether they would check in on this day of the week at all. */
    boolean checksInOn(DayOfWeek day) {
        return !weekdaysOnly || !weekend(day);
    }

    double skipChanceOn(DayOfWeek day) {
        return weekend(day) ? weekendSkipChance : skipChance;
    }

    static boolean weekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}

package org.saathi.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.saathi.facts.Baseline;
import org.saathi.facts.CheckIn;
import org.saathi.facts.Explain;
import org.saathi.facts.Now;
import org.saathi.rules.DomainReadings.Reading;
import org.saathi.rules.DomainReadings.Readings;

/**
 * Craving (higher is worse) or mood (lower is worse) of the recent check-ins, against the person's
 * own usual level and how much it usually varies. Three measures:
 * <ul>
 * <li>{@code level}: the middle value (median) of the recent check-ins, high or low for anyone;</li>
 * <li>{@code rise} / {@code fall}: that middle value's distance from the usual, in points;</li>
 * <li>{@code aboveUsual} / {@code belowUsual}: how far the recent check-ins are from the usual on
 * average, each in units of the person's own spread (standard deviation, taken as at least
 * {@code minSpread} points, since answers are whole numbers and someone who always answers the same
 * has none), each check-in counting at most {@code mostSpreadsPerCheckIn} either way. A change that
 * holds over the recent check-ins reaches the bands; one bad day among them adds at most a third of
 * that cap, and a change that is ordinary for a person whose answers swing widely counts for less.</li>
 * </ul>
 * And one measure of craving and mood together, {@code together}, a cumulative sum (CUSUM) as
 * statistical process control keeps it: the usual is the person's check-ins of the {@code usualDays}
 * before the last {@code days}; then, oldest first, each check-in of the last {@code days} (the mean of
 * those within 12 hours of each other, as one) adds how far it is worse than usual (the mean of
 * craving's rise and mood's fall, each in the person's spreads and
 * capped as above) less an {@code allowance}, and the sum never goes below 0. Everyday wobble stays
 * near 0; craving creeping up while mood sinks, a little more each day, piles up, where any one
 * check-in or any one of the two alone would look ordinary.
 */
final class DeteriorationTrend {

    /** Check-ins this close to the first of a step count as one step of the sum. */
    private static final Duration ONE_STEP = Duration.ofHours(12);

    private DeteriorationTrend() {
    }

    static Readings read(ScoringScope scope, ToIntFunction<CheckIn> value, boolean higherIsWorse, double minSpread,
            double mostSpreads) {
        List<CheckIn> recent = scope.recentCheckIns();
        if (recent.isEmpty()) {
            return Readings.none("fewer than " + scope.recentCount() + " check-ins in the last "
                    + Explain.number(scope.recentDays()) + " days");
        }
        double middle = ScoringScope.median(recent, value::applyAsInt);
        String level = (higherIsWorse ? Explain.cravings(recent) : Explain.moods(recent)) + " in the last "
                + recent.size() + " check-ins (middle " + Explain.number(middle) + ")";
        Map<String, Reading> readings = new LinkedHashMap<>();
        readings.put("level", new Reading(middle, level, recent));
        if (!scope.hasBaseline()) {
            return new Readings(readings, "");
        }
        double usual = higherIsWorse ? scope.baseline().cravingMean() : scope.baseline().moodMean();
        double spread = Math.max(minSpread, higherIsWorse ? scope.baseline().cravingSpread()
                : scope.baseline().moodSpread());
        double worse = higherIsWorse ? 1 : -1;
        readings.put(higherIsWorse ? "rise" : "fall", new Reading(worse * (middle - usual),
                level + " against a usual " + Explain.number(usual), recent));
        double spreads = recent.stream()
                .mapToDouble(checkIn -> clamp(worse * (value.applyAsInt(checkIn) - usual) / spread, mostSpreads))
                .average().orElse(0);
        readings.put(higherIsWorse ? "aboveUsual" : "belowUsual", new Reading(Math.max(0, spreads), level
                + " against a usual " + Explain.number(usual) + ", spread " + Explain.number(spread) + ": on average "
                + Explain.number(Math.max(0, Math.round(spreads * 10) / 10.0)) + " spreads "
                + (higherIsWorse ? "above" : "below") + " it", recent));
        return new Readings(readings, "");
    }

    static Readings together(ScoringScope scope, double days, double usualDays, double allowance, double minSpread,
            double mostSpreads) {
        Instant since = scope.now().at().minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
        Instant usualFrom = since.minus(Duration.ofMinutes(Math.round(usualDays * 24 * 60)));
        List<CheckIn> usualPeriod = scope.checkIns().stream()
                .filter(checkIn -> !checkIn.at().isBefore(usualFrom) && checkIn.at().isBefore(since)).toList();
        if (usualPeriod.size() < scope.minBaseline()) {
            return Readings.none("fewer than " + Explain.number(scope.minBaseline()) + " check-ins in the "
                    + Explain.number(usualDays) + " days before the last " + Explain.number(days));
        }
        Instant latest = scope.now().at().plus(Now.DRIFT);
        List<CheckIn> recent = scope.checkIns().stream()
                .filter(checkIn -> !checkIn.at().isBefore(since) && !checkIn.at().isAfter(latest))
                .sorted(Comparator.comparing(CheckIn::at)).toList();
        if (recent.isEmpty()) {
            return Readings.none("no check-ins in the last " + Explain.number(days) + " days");
        }
        Baseline usual = Window.baselineOf(scope.baseline().participantId(), usualPeriod);
        double cravingSpread = Math.max(minSpread, usual.cravingSpread());
        double moodSpread = Math.max(minSpread, usual.moodSpread());
        // one step for each sitting: check-ins within 12 hours of the first of a step are its mean, so
        // that three check-ins on one bad day weigh as that one day, while daily ones stay a step each
        List<List<Double>> steps = new ArrayList<>();
        Instant stepStart = Instant.MIN;
        for (CheckIn checkIn : recent) {
            double worse = (clamp((checkIn.craving() - usual.cravingMean()) / cravingSpread, mostSpreads)
                    + clamp((usual.moodMean() - checkIn.mood()) / moodSpread, mostSpreads)) / 2;
            if (steps.isEmpty() || !checkIn.at().isBefore(stepStart.plus(ONE_STEP))) {
                steps.add(new ArrayList<>());
                stepStart = checkIn.at();
            }
            steps.get(steps.size() - 1).add(worse);
        }
        double sum = 0;
        for (List<Double> step : steps) {
            double worse = step.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            sum = Math.max(0, sum + worse - allowance);
        }
        return new Readings(Map.of("together", new Reading(sum, "craving " + Explain.cravings(recent) + ", mood "
                + Explain.moods(recent) + " in the last " + Explain.number(days) + " days, against a usual craving "
                + Explain.number(usual.cravingMean()) + " (spread " + Explain.number(cravingSpread) + ") and mood "
                + Explain.number(usual.moodMean()) + " (spread " + Explain.number(moodSpread) + ") in the "
                + Explain.number(usualDays) + " days before: " + Explain.number(Math.round(sum * 10) / 10.0)
                + " spreads worse than usual, beyond everyday wobble", recent)), "");
    }

    private static double clamp(double spreads, double most) {
        return Math.max(-most, Math.min(most, spreads));
    }
}

package org.saathi.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.saathi.facts.CheckIn;
import org.saathi.facts.Explain;
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
 */
final class DeteriorationTrend {

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

    private static double clamp(double spreads, double most) {
        return Math.max(-most, Math.min(most, spreads));
    }
}

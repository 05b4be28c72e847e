package org.saathi.roster;

import java.util.Map;
import java.util.Optional;

/** The thresholds a programme may set: those the active rule set defines, with defaults and limits. */
public interface ThresholdCatalogue {

    Map<String, Spec> thresholds();

    /**
     * One threshold: its default and the range a programme may set it within. A value outside could
     * silence a rule (a "recent" window of 0 days) or make it fire on nothing (0 absences).
     */
    record Spec(double value, double min, double max, boolean integer) {

        /** Why the value is not allowed, or empty when it is. */
        public Optional<String> refuse(double candidate) {
            if (Double.isNaN(candidate) || candidate < min || candidate > max) {
                return Optional.of("must be between " + plain(min) + " and " + plain(max));
            }
            if (integer && candidate != Math.rint(candidate)) {
                return Optional.of("must be a whole number");
            }
            return Optional.empty();
        }

        private static String plain(double value) {
            return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        }
    }
}

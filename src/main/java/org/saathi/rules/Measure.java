package org.saathi.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * What one line of a domain's bands in {@code rules/deterioration.yaml} scores: a measure the
 * product computes (see {@link DomainReadings}), which way is worse, and the range it can take, so
 * that a band that could never score, or would always score, is refused at load.
 */
enum Measure {

    CRAVING_LEVEL(DeteriorationDomain.CRAVING, "level", true, 0, 10),
    CRAVING_RISE(DeteriorationDomain.CRAVING, "rise", true, 0, 10),
    CRAVING_ABOVE_USUAL(DeteriorationDomain.CRAVING, "aboveUsual", true, 0, 10),
    MOOD_LEVEL(DeteriorationDomain.MOOD, "level", false, 1, 10),
    MOOD_FALL(DeteriorationDomain.MOOD, "fall", true, 0, 9),
    MOOD_BELOW_USUAL(DeteriorationDomain.MOOD, "belowUsual", true, 0, 10),
    CRAVING_WITH_MOOD_TOGETHER(DeteriorationDomain.CRAVING_WITH_MOOD, "together", true, 0, 100),
    SLEEP_SHORT_NIGHTS(DeteriorationDomain.SLEEP, "shortNights", true, 0, 14),
    SLEEP_HOURS(DeteriorationDomain.SLEEP, "hours", false, 0, 24),
    STRESS_LEVEL(DeteriorationDomain.STRESS, "level", true, 0, 10),
    TRIGGER_CHECK_INS(DeteriorationDomain.TRIGGERS, "checkIns", true, 0, 1000),
    ENGAGEMENT_FALL(DeteriorationDomain.ENGAGEMENT, "fall", true, 0, 100),
    ATTENDANCE_ABSENCES(DeteriorationDomain.ATTENDANCE, "absences", true, 0, 1000),
    MEDICATION_MISSED(DeteriorationDomain.MEDICATION, "missed", true, 0, 1000),
    PEER_CONCERNS_LOW(DeteriorationDomain.PEER_CONCERNS, "low", true, 0, 1000),
    PEER_CONCERNS_MEDIUM(DeteriorationDomain.PEER_CONCERNS, "medium", true, 0, 1000),
    PEER_CONCERNS_HIGH(DeteriorationDomain.PEER_CONCERNS, "high", true, 0, 1000),
    PHQ9(DeteriorationDomain.SCREENING, "phq9", true, 0, 27),
    BAM_RISK(DeteriorationDomain.SCREENING, "bamRisk", true, 0, 24),
    BAM_USE(DeteriorationDomain.SCREENING, "bamUse", true, 0, 12);

    final DeteriorationDomain domain;
    final String key;
    /** True when a higher value is worse (bands {@code atOrAbove}); false for {@code atOrBelow}. */
    final boolean higherIsWorse;
    final double lowest;
    final double highest;

    Measure(DeteriorationDomain domain, String key, boolean higherIsWorse, double lowest, double highest) {
        this.domain = domain;
        this.key = key;
        this.higherIsWorse = higherIsWorse;
        this.lowest = lowest;
        this.highest = highest;
    }

    String bandsKey() {
        return higherIsWorse ? "atOrAbove" : "atOrBelow";
    }

    /** Whether a band starting at this value could score, and not score always. */
    boolean usable(double from) {
        return higherIsWorse ? from > lowest && from <= highest : from >= lowest && from < highest;
    }

    static Optional<Measure> of(DeteriorationDomain domain, String key) {
        return Arrays.stream(values()).filter(measure -> measure.domain == domain && measure.key.equals(key))
                .findFirst();
    }

    static String namesOf(DeteriorationDomain domain) {
        return String.join(", ", Arrays.stream(values()).filter(measure -> measure.domain == domain)
                .map(measure -> measure.key).toList());
    }
}

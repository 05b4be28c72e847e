package org.saathi.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The domains the deterioration score knows how to measure, as {@code rules/deterioration.yaml}
 * names them, and the settings each needs there (how many days back it counts, what a short night
 * is, the least spread a personal trend is measured in). Which domains are scored, and their bands, is the table's.
 */
enum DeteriorationDomain {

    CRAVING("craving", Setting.MIN_SPREAD, Setting.MOST_SPREADS),
    MOOD("mood", Setting.MIN_SPREAD, Setting.MOST_SPREADS),
    CRAVING_WITH_MOOD("cravingWithMood", Setting.DAYS, Setting.USUAL_DAYS, Setting.ALLOWANCE, Setting.MIN_SPREAD,
            Setting.MOST_SPREADS),
    SLEEP("sleep", Setting.SHORT_NIGHT_HOURS),
    STRESS("stress"),
    TRIGGERS("triggers", Setting.DAYS),
    ENGAGEMENT("engagement", Setting.MIN_USUAL_PER_WEEK),
    ATTENDANCE("attendance", Setting.DAYS),
    MEDICATION("medication", Setting.DAYS),
    PEER_CONCERNS("peerConcerns", Setting.DAYS),
    SCREENING("screening", Setting.DAYS);

    /** A number a domain needs, and what the table may set it to. */
    enum Setting {
        DAYS("days", 1, 28),
        SHORT_NIGHT_HOURS("shortNightHours", 1, 12),
        MIN_USUAL_PER_WEEK("minUsualPerWeek", 1, 7),
        USUAL_DAYS("usualDays", 7, 21),
        ALLOWANCE("allowance", 0, 2),
        MIN_SPREAD("minSpread", 0.5, 5),
        MOST_SPREADS("mostSpreadsPerCheckIn", 1, 10);

        final String key;
        final double lowest;
        final double highest;

        Setting(String key, double lowest, double highest) {
            this.key = key;
            this.lowest = lowest;
            this.highest = highest;
        }
    }

    /** Every domain by its key; every evaluation looks its domains up. */
    private static final Map<String, DeteriorationDomain> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(domain -> domain.key, domain -> domain));

    final String key;
    final List<Setting> settings;
    private final String label;

    DeteriorationDomain(String key, Setting... settings) {
        this.key = key;
        this.settings = List.of(settings);
        this.label = key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    /** "peerConcerns" → "peer concerns", as a counsellor reads it. */
    String label() {
        return label;
    }

    double setting(Map<String, Double> values, Setting setting) {
        return values.getOrDefault(setting.key, Double.NaN);
    }

    static Optional<DeteriorationDomain> named(String key) {
        return Optional.ofNullable(key).map(BY_KEY::get);
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(domain -> domain.key).toList());
    }
}

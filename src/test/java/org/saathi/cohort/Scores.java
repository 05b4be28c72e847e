package org.saathi.cohort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What one rule set scored over every seed: each relapse episode, warned or not, and each stable
 * person's cost; with the figures the benchmark prints against the targets.
 */
final class Scores {

    /** At least this share of every relapse pattern's episodes warned in time. */
    static final double WARNED_TARGET = 0.9;
    /** At most this many non-critical alerts per stable participant-month, for each kind of stable person. */
    static final double ALERTS_TARGET = 0.5;

    private final String name;
    private final String version;
    private final Map<Long, List<Scoring.Episode>> episodes = new TreeMap<>();
    private final List<Scoring.Cost> costs = new ArrayList<>();

    Scores(String name, String version) {
        this.name = name;
        this.version = version;
    }

    String name() {
        return name;
    }

    String version() {
        return version;
    }

    synchronized void add(long seed, Scoring.Episode episode) {
        episodes.computeIfAbsent(seed, s -> new ArrayList<>()).add(episode);
    }

    synchronized void add(Scoring.Cost cost) {
        costs.add(cost);
    }

    private List<Scoring.Episode> of(Pattern pattern, Optional<Long> seed) {
        return episodes.entrySet().stream().filter(e -> seed.isEmpty() || seed.get().equals(e.getKey()))
                .flatMap(e -> e.getValue().stream()).filter(e -> e.pattern() == pattern).toList();
    }

    int episodes(Pattern pattern) {
        return of(pattern, Optional.empty()).size();
    }

    int warned(Pattern pattern) {
        return (int) of(pattern, Optional.empty()).stream().filter(Scoring.Episode::warned).count();
    }

    double warnedShare(Pattern pattern) {
        int all = episodes(pattern);
        return all == 0 ? 0 : (double) warned(pattern) / all;
    }

    /** The share warned for each seed, in seed order. */
    List<Double> warnedShareBySeed(Pattern pattern) {
        return episodes.keySet().stream().map(seed -> {
            List<Scoring.Episode> seedEpisodes = of(pattern, Optional.of(seed));
            return seedEpisodes.isEmpty() ? 0.0
                    : seedEpisodes.stream().filter(Scoring.Episode::warned).count() / (double) seedEpisodes.size();
        }).toList();
    }

    Optional<Duration> medianLead(Pattern pattern) {
        List<Duration> leads = of(pattern, Optional.empty()).stream().flatMap(e -> e.lead().stream()).sorted()
                .toList();
        if (leads.isEmpty()) {
            return Optional.empty();
        }
        int middle = leads.size() / 2;
        return Optional.of(leads.size() % 2 == 1 ? leads.get(middle)
                : leads.get(middle - 1).plus(leads.get(middle)).dividedBy(2));
    }

    /** The rules that warned first, most often first: "CHK-002 80, GAP-001 30". */
    String firstWarnedBy(Pattern pattern) {
        Map<String, Long> byRule = of(pattern, Optional.empty()).stream().flatMap(e -> e.rule().stream())
                .collect(Collectors.groupingBy(rule -> rule, TreeMap::new, Collectors.counting()));
        return byRule.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Participant-months (30 days) replayed of the stable people of the pattern. */
    double months(Pattern pattern) {
        return costs.stream().filter(c -> c.pattern() == pattern).map(Scoring.Cost::replayed)
                .mapToDouble(d -> d.toMinutes() / (30.0 * 24 * 60)).sum();
    }

    /** Non-critical alerts per participant-month of the pattern's stable people, of one rule or (empty) all. */
    double perMonth(Pattern pattern, Optional<String> rule) {
        long alerts = costs.stream().filter(c -> c.pattern() == pattern).flatMap(c -> c.alertsByRule().entrySet()
                .stream()).filter(e -> rule.isEmpty() || rule.get().equals(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        double months = months(pattern);
        return months == 0 ? 0 : alerts / months;
    }

    /** Every rule that alerted on a stable person. */
    TreeSet<String> stableRules() {
        return costs.stream().flatMap(c -> c.alertsByRule().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Patterns with episodes, in the order of {@link Pattern}. */
    static List<Pattern> relapses() {
        return java.util.Arrays.stream(Pattern.values()).filter(p -> !p.stable())
                .sorted(Comparator.naturalOrder()).toList();
    }

    static List<Pattern> stable() {
        return java.util.Arrays.stream(Pattern.values()).filter(Pattern::stable).toList();
    }
}

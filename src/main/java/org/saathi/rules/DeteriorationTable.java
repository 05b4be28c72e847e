package org.saathi.rules;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The domain table of the combined deterioration score, as read from {@code rules/deterioration.yaml}:
 * for each domain its reason and source, its settings, and the bands by which each of its measures
 * scores 1, 2 or 3. Shown as it is in {@code GET /api/v1/rules}.
 *
 * @param recentCheckIns how many of the latest check-ins the check-in domains take the mean of
 */
public record DeteriorationTable(int recentCheckIns, List<Domain> domains) {

    /** No table: nothing is scored. */
    static final DeteriorationTable NONE = new DeteriorationTable(0, List.of());

    public DeteriorationTable {
        domains = List.copyOf(domains);
    }

    public record Domain(String name, String reason, String source, Map<String, Double> settings, List<Scored> measures) {

        public Domain {
            settings = Map.copyOf(settings);
            measures = List.copyOf(measures);
        }

        @JsonIgnore
        DeteriorationDomain kind() {
            return DeteriorationDomain.named(name).orElseThrow();
        }
    }

    /**
     * One measure's bands: {@code from} gives, for each score it can give, the value from which it
     * gives it ({@code atOrAbove}, or {@code atOrBelow} when a lower value is worse).
     */
    public record Scored(String measure, String direction, SortedMap<Integer, Double> from) {

        public Scored {
            from = new TreeMap<>(from);
        }

        /** The highest score whose band the value is in; 0 when it is in none. */
        int score(double value) {
            int score = 0;
            boolean higherIsWorse = direction.equals("atOrAbove");
            for (Map.Entry<Integer, Double> band : from.entrySet()) {
                if (higherIsWorse ? value >= band.getValue() : value <= band.getValue()) {
                    score = Math.max(score, band.getKey());
                }
            }
            return score;
        }
    }
}

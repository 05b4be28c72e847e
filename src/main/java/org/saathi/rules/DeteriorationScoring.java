package org.saathi.rules;

import java.util.ArrayList;
import java.util.List;

import org.saathi.facts.DomainScore;
import org.saathi.facts.Fact;

/**
 * Scores each domain of the table for one participant: the highest band any of its measures
 * reaches, in the words of that measure, with the facts of the measures that scored as evidence.
 */
final class DeteriorationScoring {

    private DeteriorationScoring() {
    }

    static List<DomainScore> score(DeteriorationTable table, ScoringScope scope, String participantId) {
        List<DomainScore> scores = new ArrayList<>();
        for (int order = 0; order < table.domains().size(); order++) {
            scores.add(score(table.domains().get(order), order, scope, participantId));
        }
        return scores;
    }

    private static DomainScore score(DeteriorationTable.Domain domain, int order, ScoringScope scope,
            String participantId) {
        String label = domain.kind().label();
        DomainReadings.Readings readings = DomainReadings.read(domain, scope);
        if (readings.byMeasure().isEmpty()) {
            return new DomainScore(participantId, label, order, 0, false, readings.unmeasured(), List.of());
        }
        int best = 0;
        String words = null;
        List<Fact> evidence = new ArrayList<>();
        for (DeteriorationTable.Scored scored : domain.measures()) {
            DomainReadings.Reading reading = readings.byMeasure().get(scored.measure());
            if (reading == null) {
                continue;
            }
            int score = scored.score(reading.value());
            if (words == null || score > best) {
                words = reading.words();
            }
            if (score > 0) {
                evidence.addAll(reading.evidence());
            }
            best = Math.max(best, score);
        }
        if (words == null) {
            words = readings.byMeasure().values().iterator().next().words();
        }
        return new DomainScore(participantId, label, order, best, true, words,
                evidence.stream().distinct().toList());
    }
}

package org.saathi.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One domain of the combined deterioration score (CMB-001), scored 0–3 from the domain table in
 * {@code rules/deterioration.yaml}: its label ("craving", "peer concerns"), its score, what was
 * measured in a counsellor's words ("mean 6.3 of the last 3 check-ins against a usual 3.1"), and the
 * facts behind a score above 0. A domain with nothing recent to measure is not {@code measured}
 * and scores 0. {@code order} is the domain's place in the table.
 */
public record DomainScore(String participantId, String domain, int order, int score, boolean measured,
        String reading, List<Fact> evidence) {

    /** The rule that scores the domains. */
    public static final String SCORE_RULE = "CMB-001";

    public DomainScore {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(reading, "reading");
        if (score < 0 || score > 3) {
            throw new IllegalArgumentException("a domain scores 0 to 3, not " + score);
        }
        evidence = List.copyOf(evidence);
    }

    /**
     * Whether another rule's signal already rests on this domain's facts (PEER-001 on the same HIGH
     * concern, SCR-002 on the same PHQ-9), so that the domain alone has nothing to add to it.
     */
    public boolean raisedBy(Signal signal) {
        return !signal.ruleId().equals(SCORE_RULE) && signal.evidence().stream().anyMatch(evidence::contains);
    }

    /** When the newest fact behind the score happened; the epoch when there is none. */
    public java.time.Instant latestEvidence() {
        return evidence.stream().map(Fact::at).max(Comparator.naturalOrder()).orElse(java.time.Instant.EPOCH);
    }

    /** The sum of the domains' scores. */
    public static int total(List<DomainScore> domains) {
        return domains.stream().mapToInt(DomainScore::score).sum();
    }

    /** Every fact behind a domain that scored, each once. */
    public static List<Fact> evidenceOf(List<DomainScore> domains) {
        return domains.stream().filter(domain -> domain.score() > 0).flatMap(domain -> domain.evidence().stream())
                .distinct().toList();
    }

    /**
     * The domain table in words: "Deterioration score 5: craving 2 (…), mood 2 (…), sleep 1 (…);
     * others 0; nothing recent to score for medication and screening".
     */
    public static String explain(List<DomainScore> domains) {
        List<DomainScore> inOrder = domains.stream()
                .sorted(Comparator.comparingInt(DomainScore::score).reversed().thenComparingInt(DomainScore::order))
                .toList();
        List<String> scoring = new ArrayList<>();
        List<String> unmeasured = new ArrayList<>();
        boolean othersAtZero = false;
        for (DomainScore domain : inOrder) {
            if (domain.score() > 0) {
                scoring.add(domain.domain() + " " + domain.score() + " (" + domain.reading() + ")");
            } else if (!domain.measured()) {
                unmeasured.add(domain.domain());
            } else {
                othersAtZero = true;
            }
        }
        StringBuilder words = new StringBuilder("Deterioration score ").append(total(domains)).append(": ")
                .append(String.join(", ", scoring));
        if (othersAtZero) {
            words.append(scoring.isEmpty() ? "all 0" : "; others 0");
        }
        if (!unmeasured.isEmpty()) {
            words.append("; nothing recent to score for ").append(Explain.join(unmeasured));
        }
        return words.toString();
    }
}

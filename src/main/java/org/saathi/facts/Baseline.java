package org.saathi.facts;

/**
 * The participant's usual craving and mood: mean and spread (standard deviation) of the check-ins
 * of the 14 days before their latest three, so that a recent change is measured against the
 * time before it rather than diluting its own baseline. {@code checkIns} says how much it rests on.
 */
public record Baseline(String participantId, int checkIns, double cravingMean, double cravingSpread,
        double moodMean, double moodSpread) {
}

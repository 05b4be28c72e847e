package org.saathi.facts;

/**
 * The participant's usual craving and mood: mean and spread (standard deviation) of the check-ins
 * of the 14 days before their latest three, so that a recent change is measured against the
 * time before it rather than diluting its own baseline. {@code checkIns} says how much it rests on.
 */
public record Baseline(String participantId, int checkIns, double cravingMean, double cravingSpread,
        double moodMean, double moodSpread) {

    /**
     * The lowest craving unusual for this person: at least {@code points} above their mean and at
     * least {@code spreads} standard deviations above it, the deviation taken as no less than
     * {@code minSpread}, so that a flat baseline does not make every small rise unusual.
     */
    public double unusualCraving(double points, double spreads, double minSpread) {
        return cravingMean + Math.max(points, spreads * Math.max(cravingSpread, minSpread));
    }
}

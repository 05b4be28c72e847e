package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a replay runs.
 *
 * @param from the first moment evaluated; what the rules find then was raised before the period and is not counted
 * @param to the last moment evaluated
 * @param step how often a participant is evaluated between facts, as the live sweep does for rules of time alone
 * @param assumeResolvedAfter how long after raising an alert is taken to be resolved; empty: at its deadline
 * @param factsCount from when a fact counts: when Saathi received it, or when it was recorded
 */
public record ReplayOptions(Instant from, Instant to, Duration step, Optional<Duration> assumeResolvedAfter,
        FactsCount factsCount) {

    /** From when a fact is known to the replay. */
    public enum FactsCount {
        /** From the moment Saathi received it, as the live service knew it: the default. */
        RECEIVED,
        /** From the moment it was recorded, as if every fact had arrived at once (history imported later). */
        RECORDED
    }

    public ReplayOptions {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(factsCount, "factsCount");
        assumeResolvedAfter = assumeResolvedAfter == null ? Optional.empty() : assumeResolvedAfter;
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive");
        }
    }

    /** The steps of the period: each participant is evaluated at each, and at each fact's arrival besides. */
    long steps() {
        long period = Duration.between(from, to).toMillis();
        long every = Math.max(1, step.toMillis());
        return Math.max(1, (period + every - 1) / every);
    }
}

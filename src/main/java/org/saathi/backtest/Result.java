package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A backtest's answer: the period and how it was replayed, the run of the rule set asked for, and
 * in compare mode the other set's run with the difference per rule.
 *
 * @param participants how many participants were replayed
 * @param difference per rule, the alerts the compared set raised that this one did not (added) and the reverse (removed)
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record Result(Instant from, Instant to, Duration step, Optional<Duration> assumeResolvedAfter,
        ReplayOptions.FactsCount factsCount, int participants, @JsonUnwrapped Run run, Optional<Run> compareWith,
        Optional<Map<String, Difference>> difference) {

    /** Alerts one set raised and the other did not, matched by participant, rule and moment raised. */
    public record Difference(List<Change> added, List<Change> removed) {
    }

    public record Change(String participantId, String severity, Instant raisedAt) {
    }
}

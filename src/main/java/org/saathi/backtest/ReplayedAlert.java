package org.saathi.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.saathi.facts.Severity;

/**
 * An alert the replay raised.
 *
 * @param severity the highest severity it reached
 * @param escalatedAt when nobody having acknowledged it first sent it up the ladder, if that happened
 * @param resolvedAt when the replay took it to be resolved (it may lie after the period)
 * @param clearedAt when its condition was last seen to clear, if it was still clear when it was resolved
 *        (a WATCH then resolved itself at its deadline, with the outcome CLEARED)
 * @param recipients the staff it asked to act, in the order they were asked
 * @param held the staff it would have asked, but whose messages stayed held behind a more severe alert
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ReplayedAlert(String participantId, String ruleId, Severity severity, Instant raisedAt,
        Optional<Instant> escalatedAt, Instant resolvedAt, List<String> recipients,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> held, Optional<Instant> clearedAt) {

    public ReplayedAlert {
        recipients = List.copyOf(recipients);
        held = held == null ? List.of() : List.copyOf(held); // left out of the JSON when empty
    }
}

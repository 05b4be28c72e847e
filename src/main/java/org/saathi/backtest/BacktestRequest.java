package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.saathi.api.ExternalIds;
import org.saathi.api.FieldProblem;

/**
 * What a rule author asks of a backtest.
 *
 * @param participantIds whom to replay; all active participants of your caseload when absent
 * @param rules a candidate folder under the server's candidates directory; the active set when absent
 * @param compareWith a second candidate folder, replayed alongside for comparison
 */
@Schema(name = "BacktestRequest")
public record BacktestRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-08-01T00:00:00Z") Instant from,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-10-30T00:00:00Z") Instant to,
        @Schema(description = "ISO-8601 duration, at least PT5M", defaultValue = "PT1H") Duration step,
        List<String> participantIds, String rules, String compareWith,
        @Schema(description = "ISO-8601 duration; by default each alert is taken to be resolved at its deadline")
        Duration assumeResolvedAfter,
        @Schema(defaultValue = "RECEIVED") ReplayOptions.FactsCount factsCount) {

    public static final Duration DEFAULT_STEP = Duration.ofHours(1);
    public static final Duration SHORTEST_STEP = Duration.ofMinutes(5);
    public static final Duration LONGEST_PERIOD = Duration.ofDays(366);
    static final int MOST_PARTICIPANTS_NAMED = 10_000;

    /** The request's problems a rule author can fix, each naming its field; empty when there are none. */
    List<FieldProblem> problems(Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (from == null) {
            problems.add(new FieldProblem("from", "is required"));
        }
        if (to == null) {
            problems.add(new FieldProblem("to", "is required"));
        } else if (to.isAfter(now)) {
            problems.add(new FieldProblem("to", "must not be in the future: there is nothing to replay there yet"));
        }
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                problems.add(new FieldProblem("from", "must be before to"));
            } else if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
                problems.add(new FieldProblem("to", "must be at most 366 days after from"));
            }
        }
        if (step != null && step.compareTo(SHORTEST_STEP) < 0) {
            problems.add(new FieldProblem("step", "must be at least 5 minutes (PT5M)"));
        }
        if (assumeResolvedAfter != null
                && (assumeResolvedAfter.isNegative() || assumeResolvedAfter.isZero()
                        || assumeResolvedAfter.compareTo(LONGEST_PERIOD) > 0)) {
            problems.add(new FieldProblem("assumeResolvedAfter", "must be a positive duration of at most 366 days"));
        }
        if (participantIds != null) {
            if (participantIds.isEmpty()) {
                problems.add(new FieldProblem("participantIds", "must name at least one participant, or be left out"));
            } else if (participantIds.size() > MOST_PARTICIPANTS_NAMED) {
                problems.add(new FieldProblem("participantIds", "must name at most 10,000 participants; "
                        + "leave it out to replay your whole caseload"));
            } else {
                for (int i = 0; i < participantIds.size(); i++) {
                    String id = participantIds.get(i);
                    if (id == null || !ExternalIds.isValid(id)) {
                        problems.add(new FieldProblem("participantIds[" + i + "]", ExternalIds.MESSAGE));
                    }
                }
            }
        }
        return problems;
    }

    ReplayOptions options() {
        return new ReplayOptions(from, to, step == null ? DEFAULT_STEP : step, Optional.ofNullable(assumeResolvedAfter),
                factsCount == null ? ReplayOptions.FactsCount.RECEIVED : factsCount);
    }
}

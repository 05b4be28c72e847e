package org.saathi.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.saathi.facts.Severity;
import org.saathi.rules.RuleSetProblem;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backtest's answer is kept in the database as the JSON the API sends, and another instance reads
 * it back from there: what it reads is the answer written, even where the JSON leaves out what is empty.
 */
class StoredAnswerTests {

    static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");

    final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void anAnswerReadBackIsTheAnswerWrittenWithEveryPartOfIt() {
        Run active = run("active", List.of(), alert(Optional.of(FROM.plusSeconds(7200)), List.of("counsellor-1"),
                Optional.of(FROM.plusSeconds(9000))));
        Run candidate = run("craving-9", List.of(new RuleSetProblem("craving-9/tests/cravings.yaml", 12,
                "expected CHK-001")), alert(Optional.empty(), List.of(), Optional.empty()));
        Result answer = new Result(FROM, FROM.plus(Duration.ofDays(7)), Duration.ofHours(1),
                Optional.of(Duration.ofDays(3)), ReplayOptions.FactsCount.RECEIVED, 1, active, Optional.of(candidate),
                Optional.of(Comparison.between(active, candidate)));

        assertThat(json.readValue(json.writeValueAsString(answer), Result.class)).isEqualTo(answer);
    }

    @Test
    void anAnswerWithNothingLeftOutReadsBackToo() {
        Run active = run("active", List.of(), alert(Optional.empty(), List.of(), Optional.empty()));
        Result answer = new Result(FROM, FROM.plus(Duration.ofDays(2)), Duration.ofMinutes(30), Optional.empty(),
                ReplayOptions.FactsCount.RECORDED, 1, active, Optional.empty(), Optional.empty());

        assertThat(json.readValue(json.writeValueAsString(answer), Result.class)).isEqualTo(answer);
    }

    private static ReplayedAlert alert(Optional<Instant> escalated, List<String> held, Optional<Instant> cleared) {
        return new ReplayedAlert("P-1", "CHK-001", Severity.WATCH, FROM.plusSeconds(3600), escalated,
                FROM.plusSeconds(90_000), List.of("mentor-1"), held, cleared);
    }

    private static Run run(String rules, List<RuleSetProblem> warnings, ReplayedAlert alert) {
        Run.Summary summary = new Run.Summary(1, Map.of("CHK-001", 1), Map.of("WATCH", 1),
                Map.of("2026-03-02", Map.of("CHK-001", 1)), Map.of("mentor-1", 1), 0.23, null);
        Run.Outcomes outcomes = new Run.Outcomes(List.of(new Run.Relapse("P-1", "SELF_REPORTED_USE",
                FROM.plusSeconds(200_000), List.of(new Run.Preceding("CHK-001", Severity.WATCH, alert.raisedAt(),
                        Duration.ofSeconds(196_400))))),
                Map.of("CHK-001", new Run.RuleOutcome(1, 1, 1.0, Optional.of(Duration.ofSeconds(196_400)))));
        return new Run(rules, "a5c82df4c9df", List.of(alert), summary, outcomes, warnings,
                new Run.Failures(1, List.of("CHK-098 failed: a rule author's mistake")));
    }
}

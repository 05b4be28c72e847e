package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saathi.facts.Severity;

/**
 * What to do about an alert is part of the rule set: loaded with it, in its version, and checked so
 * that no rule raises a severity staff are given no response for.
 */
class RuleResponsesTests {

    /** TST-001 raises WATCH, and URGENT from a second rule of the same id. */
    static final String TWO_SEVERITIES = SmallRuleSet.SIGNAL_RULE + """

            // A test rule.
            rule "TST-001 Very high craving"
            when
                $checkIn : CheckIn( craving >= 10 )
            then
                insert(Signal.of(drools, Severity.URGENT, "Craving " + $checkIn.craving(), $checkIn));
            end
            """;

    @TempDir
    Path rules;

    @BeforeEach
    void aSmallValidRuleSet() {
        SmallRuleSet.writeTo(rules);
    }

    @Test
    void givesWhatToDoForTheSeverityOrElseTheDefaultWithItsSource() {
        write("signals/test.drl", TWO_SEVERITIES);
        write("responses.yaml", """
                TST-001:
                  source: A test guideline
                  WATCH: Ask about the craving today.
                  default: Call now.
                """);

        CompiledRuleSet loaded = compile();

        assertThat(loaded.responses().whatToDo("TST-001", Severity.WATCH))
                .contains(new WhatToDo("Ask about the craving today.", "A test guideline"));
        assertThat(loaded.responses().whatToDo("TST-001", Severity.URGENT))
                .contains(new WhatToDo("Call now.", "A test guideline"));
        assertThat(loaded.responses().whatToDo("TST-002", Severity.URGENT)).isEmpty();
        assertThat(RuleSetView.of(loaded).responses().get("TST-001").bySeverity())
                .containsEntry(Severity.WATCH, "Ask about the craving today.");
    }

    @Test
    void aRuleWithoutAResponseIsRefusedNamingItsFileAndLine() {
        write("responses.yaml", """
                # nothing for TST-001
                TST-009:
                  WATCH: Ask about the craving today.
                """);

        RuleSetInvalid invalid = catchThrowableOfType(RuleSetInvalid.class, this::compile);
        assertThat(invalid).as("the rule set should have been refused").isNotNull();
        RuleSetProblem problem = invalid.problems().stream()
                .filter(found -> found.message().contains("TST-001")).findFirst().orElseThrow();

        assertThat(problem.file()).isEqualTo("responses.yaml");
        assertThat(problem.message()).contains("TST-001 (signals/test.drl line 6) has no response")
                .contains("WATCH");
    }

    @Test
    void aSeverityTheRuleRaisesWithoutAResponseOrDefaultIsRefusedAtTheRulesLine() {
        write("signals/test.drl", TWO_SEVERITIES);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("responses.yaml");
        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.message()).contains("TST-001").contains("can raise URGENT");
    }

    @Test
    void aRuleThatDecidesItsSeverityAsItRunsNeedsADefault() {
        write("signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace("Severity.WATCH", "Severity.valueOf(\"WARNING\")"));
        write("tests/test.yaml", SmallRuleSet.SCENARIOS.replace("severity: WATCH", "severity: WARNING"));
        write("responses.yaml", "\n\nTST-001:\n  WATCH: Ask about the craving today.\n");

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("decides its severity as it runs: give it a default");
    }

    @Test
    void aMisspeltSeverityIsRefusedWithItsLine() {
        write("responses.yaml", """
                TST-001:
                  WATCH: Ask about the craving today.
                  WARNNG: Call today.
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("TST-001.WARNNG is not a severity");
    }

    @Test
    void aResponseTooLongToReadAtAGlanceIsRefused() {
        write("responses.yaml", "TST-001:\n  WATCH: " + "Call. ".repeat(70) + "\n");

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).contains("keep what to do to 400 at most");
    }

    @Test
    void aResponseThatIsNotATextIsRefused() {
        write("responses.yaml", "TST-001:\n  WATCH: [call, visit]\n");

        RuleSetInvalid invalid = catchThrowableOfType(RuleSetInvalid.class, this::compile);

        assertThat(invalid.problems()).anySatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).contains("TST-001.WATCH must be a text");
        });
    }

    @Test
    void aRuleSetWithoutResponsesIsRefused() throws Exception {
        java.nio.file.Files.delete(rules.resolve("responses.yaml"));

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("responses.yaml");
        assertThat(problem.message()).contains("is missing");
    }

    /** A misspelt id, or a rule removed without its response: refused, naming the line and the id. */
    @Test
    void aResponseForARuleTheSetDoesNotHaveIsRefusedWithItsLine() {
        write("responses.yaml", """
                TST-001:
                  WATCH: Ask about the craving today.
                TST-002:
                  WARNING: Call today.
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("responses.yaml");
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).contains("TST-002 is not a rule of this rule set");
    }

    @Test
    void changingAResponseIsANewVersion() {
        String first = compile().version();
        write("responses.yaml", "TST-001:\n  WATCH: Ask about the craving and what set it off, today.\n");

        assertThat(compile().version()).isNotEqualTo(first);
    }

    private CompiledRuleSet compile() {
        return RuleSetLoader.load(rules, Duration.ofDays(28), Duration.ofDays(14), Instant.now());
    }

    private RuleSetProblem onlyProblem() {
        RuleSetInvalid invalid = catchThrowableOfType(RuleSetInvalid.class, this::compile);
        assertThat(invalid).as("the rule set should have been refused").isNotNull();
        List<RuleSetProblem> problems = invalid.problems();
        assertThat(problems).as(invalid.getMessage()).hasSize(1);
        return problems.get(0);
    }

    private void write(String file, String text) {
        SmallRuleSet.write(rules, file, text);
    }
}

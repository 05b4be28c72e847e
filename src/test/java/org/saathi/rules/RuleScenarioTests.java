package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario in {@code rules/tests/*.yaml} as its own named test, against the rules folder of
 * this checkout: what a rule author runs after changing a rule.
 */
class RuleScenarioTests {

    static final Path RULES = Path.of("rules");

    private static final CompiledRuleSet COMPILED = RuleSetLoader.compile(RULES, Duration.ofDays(28),
            Duration.ofDays(14), Instant.now());

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return COMPILED.scenarios().stream().map(located -> DynamicTest.dynamicTest(
                located.file() + ": " + located.scenario().name(),
                () -> assertThat(ScenarioRunner.run(COMPILED, located.scenario()))
                        .as("%s line %s", located.file(), located.line())
                        .isEmpty()));
    }

    @Test
    void everySignalRuleHasAScenarioThatFiresAndANearMiss() {
        List<RuleSetProblem> problems = RuleSetLoader.check(COMPILED).stream()
                .filter(problem -> !problem.message().startsWith("scenario '"))
                .toList();

        assertThat(problems).isEmpty();
    }
}

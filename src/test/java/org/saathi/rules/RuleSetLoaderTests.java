package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule author's mistakes are reported with file and line, and never half-load a rule set. */
class RuleSetLoaderTests {

    @TempDir
    Path rules;

    @BeforeEach
    void aSmallValidRuleSet() {
        SmallRuleSet.writeTo(rules);
    }

    @Test
    void loadsAValidRuleSetWithItsRulesThresholdsAndScenarios() {
        CompiledRuleSet loaded = load();

        assertThat(loaded.rules()).extracting(RuleInfo::id).containsExactly("ESC-001", "TST-001");
        assertThat(loaded.rules()).filteredOn(rule -> rule.id().equals("TST-001"))
                .extracting(RuleInfo::file, RuleInfo::line).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "signals/test.drl", 6));
        assertThat(loaded.thresholds()).containsEntry("TST-001.craving", 8.0);
        assertThat(loaded.scenarios()).hasSize(2);
        assertThat(loaded.version()).hasSize(12);
    }

    @Test
    void versionChangesWithAnyFileAndOnlyThen() throws IOException {
        String first = load().version();
        String again = load().version();
        write("thresholds.yaml", "TST-001.craving: 9\nescalation.ackHours: 4\n");
        write("tests/test.yaml", Files.readString(rules.resolve("tests/test.yaml")).replace("craving: 8 }", "craving: 9 }")
                .replace("craving: 7 }", "craving: 8 }"));

        assertThat(again).isEqualTo(first);
        assertThat(load().version()).isNotEqualTo(first);
    }

    @Test
    void reportsDrlSyntaxErrorWithFileAndLine() throws IOException {
        write("signals/broken.drl", """
                package rules.signals;

                import org.saathi.facts.*;

                rule "TST-002 Broken"
                when
                    CheckIn( craving >= )
                then
                end
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("signals/broken.drl");
        assertThat(problem.line()).isEqualTo(7);
    }

    @Test
    void reportsAMisspeltFieldOnItsOwnLineNotTheRulesFirst() {
        write("signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace("CheckIn( craving >= $min )",
                "CheckIn( cravng >= $min )"));

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("signals/test.drl");
        assertThat(problem.line()).isEqualTo(SmallRuleSet.CHECK_IN_LINE);
        assertThat(problem.message()).contains("cravng >= $min");
    }

    @Test
    void reportsAMisspeltFieldOfAConstraintSpreadOverLinesOnTheLineOfTheField() {
        write("signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace("CheckIn( craving >= $min )",
                "CheckIn( mood > 0,\n            cravng\n                >= $min )"));

        assertThat(onlyProblem().line()).isEqualTo(SmallRuleSet.CHECK_IN_LINE + 1);
    }

    @Test
    void reportsUnknownFactTypeWithFileAndLine() throws IOException {
        write("signals/unknown.drl", """
                package rules.signals;

                import org.saathi.facts.*;

                rule "TST-003 Unknown fact"
                when
                    Relapse( confirmed )
                then
                end
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("signals/unknown.drl");
        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.message()).contains("Relapse");
    }

    @Test
    void reportsAMistakeInAConsequenceAgainstTheRuleAuthorsLine() throws IOException {
        write("signals/consequence.drl", """
                package rules.signals;

                import org.saathi.facts.*;

                rule "TST-004 Bad consequence"
                when
                    $checkIn : CheckIn( craving >= 9 )
                then
                    insert(Signal.of(drools, Severity.WATCH, $checkIn.cravingLevel(), $checkIn));
                end
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("signals/consequence.drl");
        assertThat(problem.line()).isEqualTo(9);
    }

    @Test
    void refusesARuleWithoutAnId() throws IOException {
        write("signals/anonymous.drl", """
                package rules.signals;

                import org.saathi.facts.*;

                rule "High craving again"
                when
                    $checkIn : CheckIn( craving >= 9 )
                then
                end
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("signals/anonymous.drl");
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).contains("needs a stable id");
    }

    @Test
    void refusesAThresholdThatIsNotDefined() throws IOException {
        write("signals/test.drl", Files.readString(rules.resolve("signals/test.drl"))
                .replace("\"TST-001.craving\"", "\"TST-001.cravings\""));

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("signals/test.drl");
        assertThat(problem.line()).isEqualTo(8);
        assertThat(problem.message()).contains("TST-001.cravings");
    }

    @Test
    void refusesAThresholdThatIsNotANumber() throws IOException {
        write("thresholds.yaml", "TST-001.craving: high\nescalation.ackHours: 4\n");

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("thresholds.yaml");
        assertThat(problem.line()).isEqualTo(1);
    }

    @Test
    void reportsAnUnknownScenarioFieldWithItsLine() throws IOException {
        write("tests/typo.yaml", """
                scenarios:
                  - name: typo
                    facts:
                      - checkIn: { at: -1h, cravings: 9 }
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("tests/typo.yaml");
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.message()).contains("cravings").contains("not a known field");
    }

    @Test
    void reportsABadTimeWithItsLine() throws IOException {
        write("tests/time.yaml", """
                scenarios:
                  - name: bad time
                    facts:
                      - checkIn: { at: yesterday, craving: 9 }
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("tests/time.yaml");
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.message()).contains("'yesterday' is not a time");
    }

    @Test
    void refusesARuleSetWhoseScenarioFails() throws IOException {
        write("tests/test.yaml", Files.readString(rules.resolve("tests/test.yaml")).replace("craving: 7 }", "craving: 9 }"));

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("tests/test.yaml");
        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.message()).contains("near miss at 7").contains("expected no TST-001");
    }

    @Test
    void refusesASignalRuleWithoutANearMissScenario() throws IOException {
        write("tests/test.yaml", """
                scenarios:
                  - name: fires at 8
                    facts:
                      - checkIn: { at: -1h, craving: 8 }
                    expect:
                      - { rule: TST-001 }
                """);

        RuleSetProblem problem = onlyProblem();

        assertThat(problem.file()).isEqualTo("signals/test.drl");
        assertThat(problem.message()).contains("TST-001 has no near-miss scenario");
    }

    @Test
    void refusesAFolderThatDoesNotExist() {
        RuleSetInvalid invalid = catchThrowableOfType(RuleSetInvalid.class, () -> RuleSetLoader.load(
                rules.resolve("nowhere"), Duration.ofDays(28), Duration.ofDays(14), Instant.now()));

        assertThat(invalid.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("does not exist"));
    }

    private CompiledRuleSet load() {
        return RuleSetLoader.load(rules, Duration.ofDays(28), Duration.ofDays(14), Instant.now());
    }

    private RuleSetProblem onlyProblem() {
        RuleSetInvalid invalid = catchThrowableOfType(RuleSetInvalid.class, this::load);
        assertThat(invalid).as("the rule set should have been refused").isNotNull();
        assertThat(invalid.problems()).as(invalid.getMessage()).hasSize(1);
        return invalid.problems().get(0);
    }

    private void write(String file, String text) {
        SmallRuleSet.write(rules, file, text);
    }
}

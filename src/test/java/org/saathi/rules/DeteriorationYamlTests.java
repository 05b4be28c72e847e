package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clinician's slip in the domain table is a problem naming deterioration.yaml and its line. */
class DeteriorationYamlTests {

    private static final String CRAVING = """
            recentCheckIns: 3
            domains:
              craving:
                reason: Craving predicts use.
                source: a study
                measures:
                  level: {atOrAbove: {1: 5, 2: 6.5, 3: 8}}
                  rise: {atOrAbove: {1: 1.5, 2: 2}}
                minSpread: 1
                mostSpreadsPerCheckIn: 2.5
            """;

    @TempDir
    Path rules;

    @Test
    void readsDomainsWithTheirReasonSourceAndBands() {
        List<RuleSetProblem> problems = new ArrayList<>();

        DeteriorationTable table = DeteriorationYaml.parse("deterioration.yaml", CRAVING, problems);

        assertThat(problems).isEmpty();
        assertThat(table.recentCheckIns()).isEqualTo(3);
        DeteriorationTable.Domain craving = table.domains().get(0);
        assertThat(craving.name()).isEqualTo("craving");
        assertThat(craving.reason()).isEqualTo("Craving predicts use.");
        assertThat(craving.measures()).extracting(DeteriorationTable.Scored::measure).containsExactly("level", "rise");
        assertThat(craving.measures().get(0).score(6.4)).isEqualTo(1);
        assertThat(craving.measures().get(0).score(6.5)).isEqualTo(2);
        assertThat(craving.measures().get(0).score(4.9)).isZero();
        assertThat(craving.measures().get(1).score(9)).isEqualTo(2);
    }

    @Test
    void theCataloguesTableReadsWithoutProblems() throws IOException {
        List<RuleSetProblem> problems = new ArrayList<>();

        DeteriorationTable table = DeteriorationYaml.parse("deterioration.yaml",
                Files.readString(Path.of("rules/deterioration.yaml")), problems);

        assertThat(problems).isEmpty();
        assertThat(table.domains()).extracting(DeteriorationTable.Domain::name).containsExactly("craving", "mood",
                "cravingWithMood", "sleep", "stress", "triggers", "engagement", "attendance", "medication", "peerConcerns", "screening");
        assertThat(table.domains()).allSatisfy(domain -> assertThat(domain.source()).isNotBlank());
    }

    @Test
    void refusesAnUnknownDomainNamingItsLine() {
        assertThat(only(CRAVING.replace("  craving:", "  cravings:")))
                .isEqualTo(new RuleSetProblem("deterioration.yaml", 3, "unknown domain 'cravings': the domains are "
                        + "craving, mood, cravingWithMood, sleep, stress, triggers, engagement, attendance, medication, "
                        + "peerConcerns, screening"));
    }

    @Test
    void refusesAnUnknownMeasureNamingItsLine() {
        RuleSetProblem problem = only(CRAVING.replace("rise:", "trend:"));

        assertThat(problem.line()).isEqualTo(8);
        assertThat(problem.message()).isEqualTo("unknown measure 'trend' of domain craving: its measures are level, rise, aboveUsual");
    }

    @Test
    void refusesBandsOutOfOrder() {
        RuleSetProblem problem = only(CRAVING.replace("{1: 5, 2: 6.5, 3: 8}", "{1: 5, 2: 8, 3: 6.5}"));

        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.message()).contains("craving level: a higher score must start at a higher value");
    }

    @Test
    void refusesTheWrongDirectionForAMeasureWhereLowerIsWorse() {
        String mood = CRAVING.replace("craving:", "mood:").replace("level: {atOrAbove: {1: 5, 2: 6.5, 3: 8}}",
                "level: {atOrAbove: {1: 4}}").replace("rise:", "fall:");

        RuleSetProblem problem = only(mood);

        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.message()).isEqualTo("mood level must be {atOrBelow: {1: …, 2: …, 3: …}}: a lower value is worse");
    }

    @Test
    void refusesABandThatCouldNeverScore() {
        RuleSetProblem problem = only(CRAVING.replace("3: 8}", "3: 11}"));

        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.message()).isEqualTo("craving level: score 3 atOrAbove 11 would never score: the measure runs from 0 to 10");
    }

    @Test
    void refusesABandThatIsNotANumberOrAScoreBeyondThree() {
        assertThat(only(CRAVING.replace("2: 6.5", "2: high")).message())
                .startsWith("craving level: each band is a score (1, 2 or 3) and the number it starts at");
        assertThat(only(CRAVING.replace("3: 8", "4: 8")).message())
                .startsWith("craving level: each band is a score (1, 2 or 3)");
    }

    @Test
    void refusesADomainWithoutItsSource() {
        RuleSetProblem problem = only(CRAVING.replace("    source: a study\n", ""));

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).isEqualTo("domain craving needs a source: say why it scores, and on what evidence");
    }

    @Test
    void refusesAMissingOrOutOfRangeSetting() {
        String attendance = """
                recentCheckIns: 3
                domains:
                  attendance:
                    reason: Missed sessions.
                    source: programme default
                    days: 60
                    measures:
                      absences: {atOrAbove: {1: 1}}
                """;

        assertThat(only(attendance)).isEqualTo(new RuleSetProblem("deterioration.yaml", 6,
                "domain attendance needs days, a number from 1 to 28"));
        assertThat(only(attendance.replace("    days: 60\n", "")).line()).isEqualTo(3);
    }

    @Test
    void refusesAMisspeltFieldAndBadYaml() {
        List<RuleSetProblem> problems = new ArrayList<>();
        DeteriorationYaml.parse("deterioration.yaml", CRAVING.replace("    source:", "    sauce:"), problems);
        assertThat(problems).contains(new RuleSetProblem("deterioration.yaml", 5, "'sauce' is not a known field of "
                + "domain craving: it has reason, source, minSpread, mostSpreadsPerCheckIn, measures"));
        assertThat(only(CRAVING.replace("level: {atOrAbove: {1: 5", "level: {atOrAbove: {1: 5 ,,")).file())
                .isEqualTo("deterioration.yaml");
    }

    @Test
    void theRuleSetRefusesABadTableAtLoadWithFileAndLineAndTheVersionCoversTheTable() throws IOException {
        SmallRuleSet.writeTo(rules);
        Files.writeString(rules.resolve("thresholds.yaml"), "TST-001.craving: 8\nescalation.ackHours: 4\n"
                + "recent.days: 7\nbaseline.minCheckIns: 5\n");
        Files.writeString(rules.resolve("deterioration.yaml"), CRAVING);
        String first = RuleSetLoader.load(rules, Duration.ofDays(28), Duration.ofDays(14), Instant.EPOCH).version();
        assertThat(RuleSetLoader.load(rules, Duration.ofDays(28), Duration.ofDays(14), Instant.EPOCH).deterioration()
                .domains()).hasSize(1);

        Files.writeString(rules.resolve("deterioration.yaml"), CRAVING.replace("2: 6.5", "2: 7"));
        assertThat(RuleSetLoader.load(rules, Duration.ofDays(28), Duration.ofDays(14), Instant.EPOCH).version())
                .isNotEqualTo(first);

        Files.writeString(rules.resolve("deterioration.yaml"), CRAVING.replace("  craving:", "  cravings:"));
        RuleSetInvalid invalid = catchThrowableOfType(RuleSetInvalid.class,
                () -> RuleSetLoader.load(rules, Duration.ofDays(28), Duration.ofDays(14), Instant.EPOCH));
        assertThat(invalid.problems()).extracting(RuleSetProblem::file, RuleSetProblem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deterioration.yaml", 3));
    }

    private static RuleSetProblem only(String text) {
        List<RuleSetProblem> problems = new ArrayList<>();
        DeteriorationYaml.parse("deterioration.yaml", text, problems);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }
}

package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScreeningScoresTests {

    @ParameterizedTest(name = "PHQ-9 total {0} is {1}")
    @CsvSource({"0, MINIMAL", "4, MINIMAL", "5, MILD", "9, MILD", "10, MODERATE", "14, MODERATE",
            "15, MODERATELY_SEVERE", "19, MODERATELY_SEVERE", "20, SEVERE", "27, SEVERE"})
    void phq9_bandsTheTotal(int total, ScreeningScores.Phq9.Severity severity) {
        ScreeningScores.Phq9 scores = ScreeningScores.Phq9.of(phq9WithTotal(total));

        assertThat(scores.total()).isEqualTo(total);
        assertThat(scores.severity()).isEqualTo(severity);
    }

    @Test
    void phq9_reportsItemNineOnItsOwn() {
        ScreeningScores.Phq9 scores = ScreeningScores.Phq9.of(List.of(0, 0, 0, 0, 0, 0, 0, 0, 2));

        assertThat(scores.item9()).isEqualTo(2);
        assertThat(scores.total()).isEqualTo(2);
    }

    @Test
    void bam_sumsItsSubscalesFromTheirOwnItemsScoredInTheFormsBands() {
        // items 1-6, 7A-7G, 8-17; day counts 2 (band 1), 5 (2), 10 (3), 20 (4), so that a wrong index shows
        List<Integer> answers = Arrays.asList(1, 2, 5, 10, 5, 20, 0, 0, 0, 0, 20, 0, 0, 3, 4, 2, 5, 2, 10, 4, 0,
                20, 2);

        ScreeningScores.Bam scores = ScreeningScores.Bam.of(answers, DEFAULTS::get);

        assertThat(scores.use()).isEqualTo(3 + 2 + 4);                       // items 4, 5, 6
        assertThat(scores.risk()).isEqualTo(1 + 1 + 2 + 3 + 2 + 0);          // items 1, 2, 3, 8, 11, 15
        assertThat(scores.protective()).isEqualTo(4 + 1 + 2 + 3 + 4 + 4);    // items 9, 10, 12, 13, 14, 16
    }

    @ParameterizedTest(name = "{0} days of any drug score {1}")
    @CsvSource({"0, 0", "1, 1", "3, 1", "4, 2", "8, 2", "9, 3", "15, 3", "16, 4", "30, 4"})
    void bam_scoresDaysInTheFormsBands(int days, int score) {
        assertThat(ScreeningScores.Bam.of(withDrugDays(days), DEFAULTS::get).use()).isEqualTo(score);
    }

    @Test
    void bam_flagsFollowTheProgrammesThresholds() {
        List<Integer> twoDays = withDrugDays(2);

        ScreeningScores.Bam defaults = ScreeningScores.Bam.of(twoDays, DEFAULTS::get);
        ScreeningScores.Bam stricter = ScreeningScores.Bam.of(twoDays,
                key -> key.equals("SCR-004.use") ? 2 : DEFAULTS.get(key));

        assertThat(defaults.useFlag()).isTrue();
        assertThat(stricter.useFlag()).isFalse();
        assertThat(defaults.riskFlag()).isFalse();
        assertThat(defaults.protectiveFlag()).isTrue(); // protective 0 ≤ 12: no protective factors at all
    }

    private static final Map<String, Double> DEFAULTS = Map.of("SCR-004.use", 1.0, "SCR-004.risk", 12.0,
            "SCR-004.protective", 12.0);

    /** A BAM with nothing but this many days of drug use, all of them marijuana (7A). */
    private static List<Integer> withDrugDays(int days) {
        List<Integer> answers = new ArrayList<>(Collections.nCopies(23, 0));
        answers.set(4, null);
        answers.set(5, days);
        for (int i = 6; i <= 12; i++) {
            answers.set(i, days == 0 ? null : i == 6 ? days : 0);
        }
        return answers;
    }

    private static List<Integer> phq9WithTotal(int total) {
        Integer[] items = new Integer[9];
        int left = total;
        for (int i = 0; i < 9; i++) {
            items[i] = Math.min(3, left);
            left -= items[i];
        }
        return List.of(items);
    }
}

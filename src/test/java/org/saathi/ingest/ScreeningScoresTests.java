package org.saathi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

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
    void bam_sumsItsSubscalesFromTheirOwnItems() {
        // items numbered 1..17; give each item its own number mod 5 so that a wrong index shows
        List<Integer> items = List.of(1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2);

        ScreeningScores.Bam scores = ScreeningScores.Bam.of(items);

        assertThat(scores.use()).isEqualTo(4 + 0 + 1);                       // items 4, 5, 6
        assertThat(scores.risk()).isEqualTo(1 + 2 + 3 + 3 + 1 + 0);          // items 1, 2, 3, 8, 11, 15
        assertThat(scores.protective()).isEqualTo(4 + 0 + 2 + 3 + 4 + 1);    // items 9, 10, 12, 13, 14, 16
    }

    @Test
    void bam_flagsAtTheThresholds() {
        List<Integer> quiet = Collections.nCopies(17, 0);
        List<Integer> flagged = List.of(2, 2, 2, 1, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0);

        ScreeningScores.Bam none = ScreeningScores.Bam.of(quiet);
        ScreeningScores.Bam all = ScreeningScores.Bam.of(flagged);

        assertThat(none.useFlag()).isFalse();
        assertThat(none.riskFlag()).isFalse();
        assertThat(none.protectiveFlag()).isTrue(); // protective 0 ≤ 12: no protective factors at all
        assertThat(all.use()).isEqualTo(1);
        assertThat(all.useFlag()).isTrue();
        assertThat(all.risk()).isEqualTo(12);
        assertThat(all.riskFlag()).isTrue();
        assertThat(all.protective()).isEqualTo(12);
        assertThat(all.protectiveFlag()).isTrue();
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

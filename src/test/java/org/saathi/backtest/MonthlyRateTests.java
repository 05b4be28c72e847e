package org.saathi.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How the alert rate reads: a figure only over enough participant time, and no spurious decimals. */
class MonthlyRateTests {

    @Test
    void oneAlertOverMinutesReplayedHasNoRate() {
        double months = MonthlyRate.months(Duration.ofMinutes(20));

        assertThat(MonthlyRate.of(1, months)).isNull();
        assertThat(MonthlyRate.inWords(summary(1, months)))
                .isEqualTo("too little time replayed for a monthly rate (under 0.1 participant-months replayed)");
    }

    @Test
    void aMonthOrMoreOfParticipantTimeGivesTheRate() {
        double months = MonthlyRate.months(Duration.ofDays(60 * 30));

        assertThat(months).isEqualTo(60);
        assertThat(MonthlyRate.of(25, months)).isEqualTo(0.417);
        assertThat(MonthlyRate.inWords(summary(25, months))).isEqualTo("0.42 per participant-month");
        assertThat(MonthlyRate.figure(summary(30, 1))).isEqualTo("30.0");
        assertThat(MonthlyRate.figure(summary(1234, 1))).isEqualTo("1,234");
    }

    @Test
    void participantTimeReadsInWholeOrTenthMonths() {
        assertThat(MonthlyRate.months(1.0)).isEqualTo("1 participant-month");
        assertThat(MonthlyRate.months(0.73)).isEqualTo("0.7 participant-months");
        assertThat(MonthlyRate.months(244.0)).isEqualTo("244 participant-months");
    }

    private static Run.Summary summary(int alerts, double months) {
        return new Run.Summary(alerts, Map.of(), Map.of(), Map.of(), Map.of(), months, MonthlyRate.of(alerts, months));
    }
}

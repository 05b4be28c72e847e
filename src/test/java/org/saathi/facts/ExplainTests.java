package org.saathi.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExplainTests {

    @Test
    void namesMissedDoseDaysRunningWithTheMonthOnce() {
        assertThat(Explain.doseDays(List.of(missed("2026-02-12"), missed("2026-02-10"), missed("2026-02-11"))))
                .isEqualTo("3 days running: Tue 10, Wed 11 and Thu 12 Feb");
    }

    @Test
    void namesTheMonthOfEachDayAcrossTheTurnOfAMonth() {
        assertThat(Explain.doseDays(List.of(missed("2026-01-31"), missed("2026-02-01"))))
                .isEqualTo("2 days running: Sat 31 Jan and Sun 1 Feb");
    }

    @Test
    void doesNotCallDaysRunningWhenADayWithoutReportsLiesBetween() {
        assertThat(Explain.doseDays(List.of(missed("2026-01-10"), missed("2026-01-12"))))
                .isEqualTo("the last 2 days with a dose recorded: Sat 10 and Mon 12 Jan");
    }

    static DoseDay missed(String day) {
        CheckIn said = new CheckIn("c-" + day, "p", Instant.parse(day + "T12:00:00Z"), 0, 2, 7, null, null, null, false,
                List.of());
        return new DoseDay("p", LocalDate.parse(day), DoseDay.Dose.MISSED, 1, List.of(said));
    }
}

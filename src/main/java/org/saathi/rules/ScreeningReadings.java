package org.saathi.rules;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.facts.Bam;
import org.saathi.facts.Explain;
import org.saathi.facts.Fact;
import org.saathi.facts.Phq9;

/** The screening domain of the deterioration score: the latest PHQ-9 and BAM of its days. */
final class ScreeningReadings {

    private ScreeningReadings() {
    }

    static DomainReadings.Readings read(ScoringScope scope, double days) {
        Optional<Phq9> phq9 = latest(scope.within(scope.phq9(), days));
        Optional<Bam> bam = latest(scope.within(scope.bam(), days));
        if (phq9.isEmpty() && bam.isEmpty()) {
            return DomainReadings.Readings.none("no screening in the last " + Explain.number(days) + " days");
        }
        Map<String, DomainReadings.Reading> readings = new LinkedHashMap<>();
        phq9.ifPresent(screening -> readings.put("phq9", new DomainReadings.Reading(screening.total(),
                "PHQ-9 total " + screening.total(), List.of(screening))));
        bam.ifPresent(screening -> {
            readings.put("bamRisk", new DomainReadings.Reading(screening.risk(), "BAM risk " + screening.risk(),
                    List.of(screening)));
            readings.put("bamUse", new DomainReadings.Reading(screening.use(), "BAM use " + screening.use(),
                    List.of(screening)));
        });
        return new DomainReadings.Readings(readings, "");
    }

    private static <T extends Fact> Optional<T> latest(List<T> screenings) {
        return screenings.stream().max(Comparator.comparing(Fact::at));
    }
}

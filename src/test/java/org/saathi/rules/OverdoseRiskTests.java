package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.Severity;
import org.saathi.facts.Substance;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;

/** What CHK-005 and SCR-003 say after a period without use, which the scenario tests do not read. */
class OverdoseRiskTests {

    private static final RuleSetReplay RULES = RuleSetReplay.compile(Path.of("rules"));
    private static final Instant NOW = Instant.parse("2026-01-15T03:30:00Z");

    private final List<CheckIn> checkIns = new ArrayList<>();
    private final List<DrugScreen> screens = new ArrayList<>();

    @Test
    void chk005_saysHowLongWithoutUseAndWhyItMatters() {
        checkIn(23, false);
        checkIn(12, false);
        checkIn(0, true);

        Finding finding = only("CHK-005", Set.of());

        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.explanation()).isEqualTo("Use reported after 23 days without use: tolerance is lower, "
                + "so the risk of overdose is higher (Strang et al. 2003)");
    }

    @Test
    void scr003_afterAPeriodWithoutUse_neverNamesTheSubstances() {
        screens.add(new DrugScreen("s-1", "p-1", NOW.minus(Duration.ofDays(10)), true, List.of("methadone"), false));
        screens.add(new DrugScreen("s-2", "p-1", NOW.minus(Duration.ofHours(2)), true,
                List.of("methadone", "fentanyl"), false));

        Finding finding = only("SCR-003", Set.of(Substance.METHADONE));

        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.explanation()).startsWith("Drug screen positive after 9 days without use: tolerance is "
                + "lower").doesNotContain("methadone").doesNotContain("fentanyl");
        assertThat(finding.evidence()).extracting(fact -> fact.summary()).containsExactly("drug screen positive");
    }

    @Test
    void scr003_presumptiveAfterAPeriodWithoutUse_asksForConfirmation() {
        screens.add(new DrugScreen("s-1", "p-1", NOW.minus(Duration.ofDays(14)), false, List.of(), false));
        screens.add(new DrugScreen("s-2", "p-1", NOW.minus(Duration.ofHours(2)), true, List.of("cocaine"), true));

        Finding finding = only("SCR-003", Set.of());

        assertThat(finding.severity()).isEqualTo(Severity.URGENT);
        assertThat(finding.explanation()).isEqualTo("Drug screen presumptive positive after 13 days without use: "
                + "confirm by laboratory test; tolerance is lower, so the risk of overdose is higher "
                + "(Strang et al. 2003)");
    }

    private Finding only(String ruleId, Set<Substance> prescribed) {
        ParticipantContext participant = new ParticipantContext("p-1", "default", ParticipantStatus.ACTIVE, false,
                NOW.minus(Duration.ofDays(60)), java.time.ZoneId.of("Asia/Kolkata"), "mentor", "counsellor", Optional.of("supervisor"), true,
                List.of("supervisor")).withPrescribedSubstances(prescribed);
        RecordedFacts facts = new RecordedFacts(checkIns, List.of(), List.of(), List.of(), screens,
                List.of(), checkIns.stream().max(java.util.Comparator.comparing(CheckIn::at)));
        List<Finding> findings = RULES.findings(participant, NOW, RULES.thresholds(Map.of()), facts, List.of());
        assertThat(findings).extracting(Finding::ruleId).containsExactly(ruleId);
        return findings.get(0);
    }

    private void checkIn(int daysAgo, boolean use) {
        checkIns.add(new CheckIn("c-" + daysAgo, "p-1", NOW.minus(Duration.ofDays(daysAgo)).minusSeconds(60), 0, 2,
                7, null, null, use, null, List.of()));
    }
}

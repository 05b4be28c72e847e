package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveRuleSetTests {

    @TempDir
    Path rules;

    @Test
    void refusesToStartOnARuleSetThatDoesNotCompileNamingFileAndLine() {
        SmallRuleSet.writeTo(rules);
        SmallRuleSet.write(rules, "signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace("then", "then oops("));

        RuleSetInvalid refused = catchThrowableOfType(RuleSetInvalid.class, () -> new ActiveRuleSet(
                new RuleSettings(rules, Duration.ofDays(28), Duration.ofDays(14), Path.of("target")),
                new RuleMetrics(new SimpleMeterRegistry()), Clock.systemUTC()));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("signals/test.drl:");
        assertThat(refused.problems().get(0).line()).isNotNull();
    }

    @Test
    void startsOnTheCatalogueInThisCheckout() {
        ActiveRuleSet active = new ActiveRuleSet(new RuleSettings(RuleScenarioTests.RULES, Duration.ofDays(28),
                Duration.ofDays(14), Path.of("target")), new RuleMetrics(new SimpleMeterRegistry()), Clock.systemUTC());

        assertThat(active.current().rules()).extracting(RuleInfo::id).contains("CHK-001", "SCR-001", "CMB-001",
                "ESC-004");
        assertThat(active.thresholds().get("ATT-001.warningAbsences").value()).isEqualTo(2.0);
    }
}

package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.saathi.facts.OpenAlert;
import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.rules.Finding;

/** Which open alerts may have cleared, as the live service and a backtest's replay both decide it. */
class AlertPolicyClearingTests {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aCriticalAlertWhoseRuleNoLongerFiresMayNotClear() {
        OpenAlert critical = open("SCR-001", Severity.CRITICAL);
        OpenAlert watch = open("GAP-001", Severity.WATCH);
        assertThat(AlertPolicy.mayHaveCleared(List.of(critical, watch), Set.of(), List.of())).containsExactly(watch);
    }

    @Test
    void aLowerSeverityOfTheSameRuleNoLongerHoldsTheAlert() {
        OpenAlert urgent = open("SCR-002", Severity.URGENT);
        List<Finding> warning = List.of(finding("SCR-002", Severity.WARNING));
        assertThat(AlertPolicy.mayHaveCleared(List.of(urgent), Set.of(), warning)).containsExactly(urgent);
        assertThat(Finding.holds("SCR-002", Severity.WARNING, List.of(finding("SCR-002", Severity.URGENT))))
                .isTrue();
    }

    @Test
    void anAlertAlreadyClearedIsNotClearedAgain() {
        OpenAlert watch = open("GAP-001", Severity.WATCH);
        assertThat(AlertPolicy.mayHaveCleared(List.of(watch), Set.of("GAP-001"), List.of())).isEmpty();
    }

    @Test
    void onlyAFactDatedMoreThanAClockDriftBeforeTheRaiseMakesItAMomentAlreadyOver() {
        assertThat(AlertPolicy.raisedOnAnIncompletePicture(Optional.of(NOW.minus(Duration.ofMinutes(6))), NOW)).isTrue();
        assertThat(AlertPolicy.raisedOnAnIncompletePicture(Optional.of(NOW.minus(Duration.ofMinutes(4))), NOW))
                .isFalse();
    }

    @Test
    void onlyAWatchRaisedOnAnIncompletePictureResolvesItselfAtOnce() {
        Optional<Instant> before = Optional.of(NOW.minus(Duration.ofHours(1)));
        assertThat(AlertPolicy.resolvesItselfOnceCleared(Severity.WATCH, before, NOW)).isTrue();
        assertThat(AlertPolicy.resolvesItselfOnceCleared(Severity.WARNING, before, NOW)).isFalse();
        assertThat(AlertPolicy.resolvesItselfOnceCleared(Severity.URGENT, before, NOW)).isFalse();
        assertThat(AlertPolicy.resolvesItselfOnceCleared(Severity.CRITICAL, before, NOW)).isFalse();
        assertThat(AlertPolicy.resolvesItselfOnceCleared(Severity.WATCH, Optional.of(NOW), NOW)).isFalse();
    }

    @Test
    void aLateFactRaisesWhatIsCriticalAndWhatHeldAtItsOwnMoment() {
        assertThat(AlertPolicy.isLate(NOW.minus(Duration.ofHours(25)), NOW)).isTrue();
        assertThat(AlertPolicy.isLate(NOW.minus(Duration.ofHours(23)), NOW)).isFalse();
        List<Finding> now = List.of(finding("GAP-001", Severity.WARNING), finding("ATT-001", Severity.WARNING),
                finding("SCR-001", Severity.CRITICAL));
        assertThat(AlertPolicy.raisedByLateFact(now, List.of(finding("ATT-001", Severity.WARNING))))
                .extracting(Finding::ruleId).containsExactly("ATT-001", "SCR-001");
    }

    private static OpenAlert open(String rule, Severity severity) {
        return new OpenAlert(rule, severity, NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2)));
    }

    private static Finding finding(String rule, Severity severity) {
        return new Finding(rule, rule + " test", severity, "test", List.of(), List.of(Role.COUNSELLOR),
                Duration.ofHours(4), Role.SUPERVISOR);
    }
}

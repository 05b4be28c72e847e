package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.saathi.facts.Fact;
import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;
import org.saathi.rules.Finding;

/**
 * What the policy decides for one evaluation: a table of cases, each with the participant's open
 * alerts, the facts earlier alerts rest on, the findings and the conditions that cleared, and the
 * decisions expected, in the order they are written. No database: the policy reads no table.
 */
class AlertPolicyTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration WITHIN = Duration.ofHours(4);
    private static final ParticipantContext PARTICIPANT = new ParticipantContext("P-1", "prog-1",
            ParticipantStatus.ACTIVE, true, Instant.parse("2026-01-05T09:00:00Z"), ParticipantContext.DEFAULT_TIMEZONE,
            "mentor-1", "counsellor-1", Optional.of("supervisor-1"), true, List.of("supervisor-1"));

    private static final Fact CRAVING = fact("c-1", NOW.minus(Duration.ofHours(1)));
    private static final Fact CRAVING_AGAIN = fact("c-2", NOW.minus(Duration.ofMinutes(30)));
    private static final Fact BETTER = fact("c-3", NOW.minus(Duration.ofMinutes(10)));
    private static final Fact BETTER_BEFORE_THE_RAISE = fact("c-0", NOW.minus(Duration.ofDays(3)));

    record TestFact(String id, String participantId, Instant at, String type, String summary) implements Fact {
    }

    record Case(String name, List<AlertStore.OpenRow> open, Map<String, Map<String, Severity>> known,
            List<Finding> findings, List<AlertPolicy.Cleared> cleared, List<AlertDecision> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        AlertStore.OpenRow warning = open("CHK-001", Severity.WARNING, AlertStatus.OPEN);
        AlertStore.OpenRow acknowledged = open("CHK-001", Severity.WARNING, AlertStatus.ACKNOWLEDGED);
        AlertStore.OpenRow watch = open("GAP-001", Severity.WATCH, AlertStatus.OPEN);
        AlertStore.OpenRow acknowledgedWatch = open("GAP-001", Severity.WATCH, AlertStatus.ACKNOWLEDGED);
        AlertStore.OpenRow critical = open("SCR-001", Severity.CRITICAL, AlertStatus.OPEN);
        AlertStore.OpenRow clearedWarning = cleared(warning);
        Finding warningFinding = finding("CHK-001", Severity.WARNING, CRAVING);
        Finding again = finding("CHK-001", Severity.WARNING, CRAVING, CRAVING_AGAIN);
        Finding urgent = finding("CHK-001", Severity.URGENT, CRAVING);
        Finding criticalAgain = finding("SCR-001", Severity.CRITICAL, CRAVING_AGAIN);
        Finding watchOnTimeAlone = finding("GAP-001", Severity.WATCH);
        Map<String, Map<String, Severity>> cravingKnown = Map.of("CHK-001", Map.of("c-1", Severity.WARNING));
        return Stream.of(
                new Case("nothing found and nothing cleared: nothing decided", List.of(), Map.of(), List.of(),
                        List.of(), List.of()),
                new Case("a finding no alert of its rule holds raises one, due within its policy's time", List.of(),
                        Map.of(), List.of(warningFinding), List.of(),
                        List.of(new AlertDecision.Raise(warningFinding, evidence(CRAVING), NOW.plus(WITHIN)))),
                new Case("a condition that merely still holds is left", List.of(warning), cravingKnown,
                        List.of(warningFinding), List.of(), List.of(new AlertDecision.Leave(warningFinding))),
                new Case("a fact an earlier, resolved alert held raises nothing", List.of(), cravingKnown,
                        List.of(warningFinding), List.of(), List.of(new AlertDecision.Leave(warningFinding))),
                new Case("new evidence at the same severity joins the open alert; its deadline stays",
                        List.of(warning), cravingKnown, List.of(again), List.of(),
                        List.of(new AlertDecision.Update(warning, again, AlertPolicy.Change.EVIDENCE_ADDED,
                                evidence(CRAVING_AGAIN), warning.ackDueAt()))),
                new Case("known evidence at a higher severity raises the severity, asking again",
                        List.of(acknowledged), cravingKnown, List.of(urgent), List.of(),
                        List.of(new AlertDecision.Update(acknowledged, urgent, AlertPolicy.Change.SEVERITY_RAISED,
                                evidence(CRAVING), NOW.plus(WITHIN)))),
                new Case("new evidence for a CRITICAL alert asks again, now", List.of(critical), Map.of(),
                        List.of(criticalAgain), List.of(),
                        List.of(new AlertDecision.Update(critical, criticalAgain,
                                AlertPolicy.Change.NEW_CRITICAL_EVIDENCE, evidence(CRAVING_AGAIN), NOW.plus(WITHIN)))),
                new Case("a rule that fired on time alone rests on the enrolment, once", List.of(), Map.of(),
                        List.of(watchOnTimeAlone), List.of(),
                        List.of(new AlertDecision.Raise(watchOnTimeAlone, List.of(new AlertStore.Evidence(
                                "enrolment:P-1", "ENROLMENT", PARTICIPANT.enrolledAt(), "enrolled; no fact since")),
                                NOW.plus(WITHIN)))),
                new Case("a condition that cleared is cleared, by the fact that made the difference",
                        List.of(warning), Map.of(), List.of(), List.of(new AlertPolicy.Cleared("CHK-001", BETTER)),
                        List.of(new AlertDecision.Clear(warning, Optional.of(Decisions.evidence(BETTER)), false))),
                new Case("an open WATCH cleared by a fact from before its raise resolves itself at once",
                        List.of(watch), Map.of(), List.of(),
                        List.of(new AlertPolicy.Cleared("GAP-001", BETTER_BEFORE_THE_RAISE)),
                        List.of(new AlertDecision.Clear(watch, Optional.of(Decisions.evidence(BETTER_BEFORE_THE_RAISE)),
                                true))),
                new Case("an acknowledged WATCH so cleared waits for the person on it", List.of(acknowledgedWatch),
                        Map.of(), List.of(), List.of(new AlertPolicy.Cleared("GAP-001", BETTER_BEFORE_THE_RAISE)),
                        List.of(new AlertDecision.Clear(acknowledgedWatch,
                                Optional.of(Decisions.evidence(BETTER_BEFORE_THE_RAISE)), false))),
                new Case("a CRITICAL alert never clears", List.of(critical), Map.of(), List.of(),
                        List.of(new AlertPolicy.Cleared("SCR-001", BETTER)), List.of()),
                new Case("an alert already cleared is not cleared again", List.of(clearedWarning), Map.of(), List.of(),
                        List.of(new AlertPolicy.Cleared("CHK-001", BETTER)), List.of()),
                new Case("a cleared alert whose condition holds again goes on", List.of(clearedWarning), cravingKnown,
                        List.of(warningFinding), List.of(),
                        List.of(new AlertDecision.Unclear(clearedWarning, "CHK-001 found"),
                                new AlertDecision.Leave(warningFinding))),
                new Case("a lower severity of its rule does not hold a cleared alert, and joins it as evidence",
                        List.of(cleared(open("CHK-001", Severity.URGENT, AlertStatus.OPEN))), Map.of(),
                        List.of(warningFinding), List.of(),
                        List.of(new AlertDecision.Update(cleared(open("CHK-001", Severity.URGENT, AlertStatus.OPEN)),
                                warningFinding, AlertPolicy.Change.EVIDENCE_ADDED, evidence(CRAVING),
                                NOW.plus(Duration.ofHours(1))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsExpected(Case c) {
        AlertPolicy.Picture picture = new AlertPolicy.Picture(PARTICIPANT, c.open(), c.known());
        assertThat(AlertPolicy.decide(picture, c.findings(), c.cleared(), NOW)).containsExactlyElementsOf(c.expected());
    }

    record Locking(String name, Map<String, Map<String, Severity>> known, List<Finding> findings,
            List<AlertPolicy.Cleared> cleared, Set<String> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Locking> locking() {
        Map<String, Map<String, Severity>> known = Map.of("CHK-001", Map.of("c-1", Severity.WARNING));
        return Stream.of(
                new Locking("a finding that is no news locks nothing", known,
                        List.of(finding("CHK-001", Severity.WARNING, CRAVING)), List.of(), Set.of()),
                new Locking("a finding that is news locks its rule's alert", known,
                        List.of(finding("CHK-001", Severity.URGENT, CRAVING)), List.of(), Set.of("CHK-001")),
                new Locking("a condition that cleared locks its alert", Map.of(), List.of(),
                        List.of(new AlertPolicy.Cleared("GAP-001", BETTER)), Set.of("GAP-001")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locking")
    void locksOnlyTheAlertsItMayChange(Locking c) {
        assertThat(AlertPolicy.rulesItMayChange(PARTICIPANT, c.findings(), c.cleared(), c.known()))
                .isEqualTo(c.expected());
    }

    private static AlertStore.OpenRow open(String rule, Severity severity, AlertStatus status) {
        return new AlertStore.OpenRow(UUID.nameUUIDFromBytes((rule + severity).getBytes()), severity, status,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(1)), rule, WITHIN, null);
    }

    private static AlertStore.OpenRow cleared(AlertStore.OpenRow row) {
        return new AlertStore.OpenRow(row.id(), row.severity(), row.status(), row.raisedAt(), row.ackDueAt(),
                row.ruleId(), row.acknowledgeWithin(), NOW.minus(Duration.ofHours(2)));
    }

    private static Finding finding(String rule, Severity severity, Fact... evidence) {
        return new Finding(rule, rule + " test", severity, rule + " found", List.of(evidence),
                List.of(Role.COUNSELLOR), WITHIN, Role.SUPERVISOR);
    }

    private static Fact fact(String id, Instant at) {
        return new TestFact(id, "P-1", at, "CHECK_IN", "craving " + id);
    }

    private static List<AlertStore.Evidence> evidence(Fact... facts) {
        return Stream.of(facts).map(Decisions::evidence).toList();
    }
}

package org.saathi.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.saathi.facts.Attendance;
import org.saathi.facts.Bam;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.OpenAlert;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;
import org.saathi.facts.Role;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;
import org.saathi.roster.Recipient;
import org.saathi.roster.Recipients;
import org.saathi.roster.ThresholdCatalogue;

/**
 * Runs a scenario against a compiled rule set, as the live service would evaluate the participant
 * at the scenario's clock, and says what differs from what the scenario expects.
 */
final class ScenarioRunner {

    static final String PEER_MENTOR = "peer-mentor";
    static final String COUNSELLOR = "counsellor";
    static final String SUPERVISOR = "supervisor";
    static final String OTHER_SUPERVISOR = "other-supervisor";

    private ScenarioRunner() {
    }

    /** The failures of one scenario; empty when it passes. */
    static List<String> run(CompiledRuleSet rules, Scenario scenario) {
        List<String> failures = new ArrayList<>();
        Map<String, Double> thresholds = new HashMap<>(rules.thresholds());
        scenario.thresholds().forEach((key, value) -> {
            ThresholdCatalogue.Spec spec = rules.thresholdSpecs().get(key);
            if (spec == null) {
                failures.add("threshold " + key + " is not defined in thresholds.yaml");
            } else {
                spec.refuse(value).ifPresent(why -> failures.add("threshold " + key + " " + why
                        + ", as a programme could not set it"));
            }
            thresholds.put(key, value);
        });
        if (!failures.isEmpty()) {
            return failures;
        }
        CompiledRuleSet.Evaluated evaluated = rules.evaluate(input(scenario, thresholds, rules.window()));
        evaluated.unescalated().forEach(rule -> failures.add(rule + " raised a signal that no escalation rule took up"));
        Map<String, Finding> found = evaluated.findings().stream()
                .collect(Collectors.toMap(Finding::ruleId, finding -> finding));
        ParticipantContext participant = participant(scenario);
        for (Scenario.Expectation expected : scenario.expect()) {
            Finding finding = found.get(expected.rule());
            if (finding == null) {
                failures.add("expected " + expected.rule() + " but it did not fire" + alsoFound(found));
                continue;
            }
            if (expected.severity() != null && expected.severity() != finding.severity()) {
                failures.add("expected " + expected.rule() + " at " + expected.severity() + " but it is "
                        + finding.severity() + " (" + finding.explanation() + ")");
            }
            if (expected.recipients() != null) {
                Set<Role> roles = Recipients.resolve(finding.recipients(), participant).stream()
                        .map(Recipient::role).collect(Collectors.toSet());
                if (!roles.equals(new HashSet<>(expected.recipients()))) {
                    failures.add("expected " + expected.rule() + " to reach " + expected.recipients()
                            + " but it reaches " + roles);
                }
            }
        }
        for (String unexpected : scenario.expectNot()) {
            if (found.containsKey(unexpected)) {
                failures.add("expected no " + unexpected + " but it fired: " + found.get(unexpected).explanation());
            }
        }
        if (scenario.noOtherAlerts()) {
            Set<String> expected = scenario.expect().stream().map(Scenario.Expectation::rule).collect(Collectors.toSet());
            found.keySet().stream().filter(rule -> !expected.contains(rule)).sorted()
                    .forEach(rule -> failures.add("expected no other alerts but " + rule + " fired: "
                            + found.get(rule).explanation()));
        }
        return failures;
    }

    private static String alsoFound(Map<String, Finding> found) {
        return found.isEmpty() ? " (nothing fired)" : " (fired: " + String.join(", ", found.keySet()) + ")";
    }

    static ParticipantContext participant(Scenario scenario) {
        Scenario.ParticipantSpec spec = scenario.participant();
        Instant clock = scenario.clock().absolute();
        Instant enrolled = (spec.enrolled() == null ? When.parse("-90d") : spec.enrolled()).resolve(clock);
        return new ParticipantContext("scenario-participant", "default", ParticipantStatus.ACTIVE,
                !Boolean.FALSE.equals(spec.expectsDailyCheckIn()), enrolled, PEER_MENTOR, COUNSELLOR,
                Boolean.FALSE.equals(spec.supervisorAssigned()) ? Optional.empty() : Optional.of(SUPERVISOR),
                !Boolean.FALSE.equals(spec.shareWithPeerMentor()), List.of(SUPERVISOR, OTHER_SUPERVISOR),
                spec.timezone(), spec.schedule())
                .withPrescribedSubstances(spec.prescribedSubstances());
    }

    private static EvaluationInput input(Scenario scenario, Map<String, Double> thresholds, Duration window) {
        Instant clock = scenario.clock().absolute();
        ParticipantContext participant = participant(scenario);
        String who = participant.id();
        List<CheckIn> checkIns = new ArrayList<>();
        List<Attendance> attendance = new ArrayList<>();
        List<Phq9> phq9 = new ArrayList<>();
        List<Bam> bam = new ArrayList<>();
        List<DrugScreen> drugScreens = new ArrayList<>();
        List<PeerConcern> concerns = new ArrayList<>();
        int index = 0;
        for (Scenario.FactSpec fact : scenario.facts()) {
            String id = "fact-" + ++index;
            if (fact.checkIn() != null) {
                Scenario.CheckInSpec c = fact.checkIn();
                checkIns.add(new CheckIn(id, who, c.at().resolve(clock), 0, c.craving(), c.mood(), c.stress(),
                        c.sleepHours(), c.usedSubstance(), c.medicationTaken(), c.triggers()));
            } else if (fact.checkIns() != null) {
                checkIns.addAll(series(id, who, fact.checkIns(), clock, participant.timezone()));
            } else if (fact.attendance() != null) {
                Scenario.AttendanceSpec a = fact.attendance();
                attendance.add(new Attendance(id, who, a.at().resolve(clock), 0,
                        a.session() == null ? "session-" + a.at().text() : a.session(), null, a.type(), a.status()));
            } else if (fact.phq9() != null) {
                phq9.add(Phq9.of(id, who, fact.phq9().at().resolve(clock), fact.phq9().items()));
            } else if (fact.bam() != null) {
                bam.add(Bam.of(id, who, fact.bam().at().resolve(clock), fact.bam().items()));
            } else if (fact.drugScreen() != null) {
                Scenario.DrugScreenSpec s = fact.drugScreen();
                drugScreens.add(new DrugScreen(id, who, s.at().resolve(clock), s.positive(), s.substances(),
                        Boolean.FALSE.equals(s.confirmed())));
            } else {
                Scenario.PeerConcernSpec p = fact.peerConcern();
                concerns.add(new PeerConcern(id, who, p.at().resolve(clock), p.level(), p.category(), p.reportedBy()));
            }
        }
        Instant from = clock.minus(window);
        Optional<CheckIn> last = checkIns.stream().filter(c -> !c.at().isAfter(clock))
                .max(java.util.Comparator.comparing(CheckIn::at));
        List<OpenAlert> open = scenario.openAlerts().stream()
                .map(spec -> new OpenAlert(spec.rule(), spec.severity(),
                        (spec.raised() == null ? When.parse("-1d") : spec.raised()).resolve(clock),
                        (spec.lastEvidence() == null ? When.parse("-1d") : spec.lastEvidence()).resolve(clock)))
                .toList();
        return new EvaluationInput(participant, clock, thresholds, inWindow(checkIns, from, clock),
                inWindow(attendance, from, clock), inWindow(phq9, from, clock), inWindow(bam, from, clock),
                inWindow(drugScreens, from, clock), inWindow(concerns, from, clock), last, open);
    }

    private static List<CheckIn> series(String id, String who, Scenario.CheckInSeriesSpec spec, Instant clock,
            ZoneId zone) {
        List<CheckIn> checkIns = new ArrayList<>();
        LocalDate last = spec.to().resolve(clock).atZone(zone).toLocalDate();
        for (LocalDate day = spec.from().resolve(clock).atZone(zone).toLocalDate(); !day.isAfter(last);
                day = day.plusDays(1)) {
            if (spec.weekdays().contains(day.getDayOfWeek())) {
                checkIns.add(new CheckIn(id + "-" + day, who, day.atTime(spec.time()).atZone(zone).toInstant(), 0, 2, 7,
                        null, null, null, null, List.of()));
            }
        }
        return checkIns;
    }

    /** As the database would answer: facts of the window that had happened by the clock. */
    private static <T extends org.saathi.facts.Fact> List<T> inWindow(List<T> facts, Instant from, Instant clock) {
        return facts.stream().filter(fact -> !fact.at().isBefore(from) && !fact.at().isAfter(clock)).toList();
    }
}

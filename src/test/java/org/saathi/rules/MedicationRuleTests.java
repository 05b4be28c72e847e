package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.CheckIn;
import org.saathi.facts.SessionType;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;

/** MED-001 as a counsellor reads it: the days, the threshold, and the reports behind it. */
class MedicationRuleTests {

    static final CompiledRuleSet RULES = RuleSetLoader.compile(RuleScenarioTests.RULES, Duration.ofDays(28),
            Duration.ofDays(14), Instant.now());

    final List<Attendance> reports = new ArrayList<>();
    final List<CheckIn> checkIns = new ArrayList<>();

    @Test
    void med001_explainsThreeMissedDaysWithTheirDatesAndRestsOnEveryReport() {
        clinic("2026-02-10T09:30+05:30", AttendanceStatus.ABSENT);
        said("2026-02-11T07:45+05:30");
        clinic("2026-02-11T09:30+05:30", AttendanceStatus.ABSENT);
        said("2026-02-12T21:00+05:30");

        Finding finding = med001("2026-02-13T07:00+05:30").orElseThrow();

        assertThat(finding.severity()).isEqualTo(Severity.URGENT);
        assertThat(finding.explanation())
                .isEqualTo("Doses missed on 3 days running: Tue 10, Wed 11 and Thu 12 Feb; threshold 3");
        assertThat(finding.evidence()).hasSize(4);
    }

    @Test
    void med001_raisesNothingOnASingleMissedDoseToldTwice() {
        clinic("2026-02-09T09:30+05:30", AttendanceStatus.ATTENDED);
        clinic("2026-02-10T09:30+05:30", AttendanceStatus.ABSENT);
        said("2026-02-10T21:00+05:30");
        said("2026-02-11T07:45+05:30");

        assertThat(med001("2026-02-11T08:00+05:30")).isEmpty();
    }

    Optional<Finding> med001(String now) {
        Instant at = OffsetDateTime.parse(now).toInstant();
        ParticipantContext participant = new ParticipantContext("p", "default", ParticipantStatus.ACTIVE, false,
                at.minus(Duration.ofDays(90)), ZoneId.of("Asia/Kolkata"), "mentor", "counsellor",
                Optional.of("supervisor"), true, List.of("supervisor"));
        EvaluationInput input = new EvaluationInput(participant, at, RULES.thresholds(), checkIns, reports, List.of(),
                List.of(), List.of(), List.of(), checkIns.stream().reduce((first, second) -> second), List.of());
        return RULES.evaluate(input).findings().stream().filter(finding -> finding.ruleId().equals("MED-001"))
                .findFirst();
    }

    void clinic(String at, AttendanceStatus status) {
        String id = "dose-" + reports.size();
        reports.add(new Attendance(id, "p", OffsetDateTime.parse(at).toInstant(), 0, id, "CLINIC",
                SessionType.MEDICATION, status));
    }

    void said(String at) {
        checkIns.add(new CheckIn("c-" + checkIns.size(), "p", OffsetDateTime.parse(at).toInstant(), 0, 2, 7, null, null,
                null, false, List.of()));
    }
}

package org.saathi.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.ConcernCategory;
import org.saathi.facts.ConcernLevel;
import org.saathi.facts.Role;
import org.saathi.facts.SessionType;
import org.saathi.facts.Substance;
import org.saathi.facts.Severity;
import org.saathi.roster.CheckInSchedule;
import org.saathi.roster.ParticipantContext;

/**
 * A scenario test of a rule set, as written in {@code rules/tests/*.yaml}: a participant, a clock,
 * facts on a timeline, and the alerts expected and not expected at the clock.
 */
record Scenario(String name, When clock, ParticipantSpec participant, Map<String, Double> thresholds,
        List<OpenAlertSpec> openAlerts, List<FactSpec> facts, List<Expectation> expect, List<String> expectNot,
        Boolean noOtherAlerts) {

    static final When DEFAULT_CLOCK = When.parse("2026-01-15T09:00:00+05:30");

    Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every scenario needs a name");
        }
        clock = clock == null ? DEFAULT_CLOCK : clock;
        if (clock.absolute() == null) {
            throw new IllegalArgumentException("a scenario's clock must be a timestamp with an offset");
        }
        participant = participant == null ? new ParticipantSpec(null, null, null, null, null, null, null) : participant;
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        openAlerts = openAlerts == null ? List.of() : List.copyOf(openAlerts);
        facts = facts == null ? List.of() : List.copyOf(facts);
        expect = expect == null ? List.of() : List.copyOf(expect);
        expectNot = expectNot == null ? List.of() : List.copyOf(expectNot);
        noOtherAlerts = Boolean.TRUE.equals(noOtherAlerts);
    }

    /** A scenario and where it is written. */
    record Located(String file, Integer line, Scenario scenario) {
    }

    /** A file of scenarios. */
    record File(List<Scenario> scenarios) {
    }

    /**
     * @param prescribed substances of the vocabulary, as the roster takes them ({@code [methadone]})
     * @param timezone the programme's, Asia/Kolkata unless given
     * @param checkInSchedule "DAILY", "WEEKDAYS" or a list of days such as [MON, WED, FRI]
     */
    record ParticipantSpec(Boolean shareWithPeerMentor, Boolean expectsDailyCheckIn, Boolean supervisorAssigned,
            When enrolled, List<String> prescribed, ZoneId timezone, Object checkInSchedule) {

        ParticipantSpec {
            prescribed = prescribed == null ? List.of() : List.copyOf(prescribed);
            prescribed.forEach(name -> Substance.named(name).filter(Substance::prescribable).orElseThrow(
                    () -> new IllegalArgumentException("'" + name + "' is not a substance that can be prescribed")));
            timezone = timezone == null ? ParticipantContext.DEFAULT_TIMEZONE : timezone;
            if (checkInSchedule != null) {
                checkInSchedule = CheckInSchedule.parse(checkInSchedule);
            }
        }

        Set<Substance> prescribedSubstances() {
            return prescribed.stream().map(name -> Substance.named(name).orElseThrow())
                    .collect(java.util.stream.Collectors.toSet());
        }

        Optional<CheckInSchedule> schedule() {
            return Optional.ofNullable((CheckInSchedule) checkInSchedule);
        }
    }

    record OpenAlertSpec(String rule, Severity severity, When raised, When lastEvidence) {

        OpenAlertSpec {
            if (rule == null || severity == null) {
                throw new IllegalArgumentException("an open alert needs a rule and a severity");
            }
        }
    }

    record Expectation(String rule, Severity severity, List<Role> recipients) {

        Expectation {
            if (rule == null) {
                throw new IllegalArgumentException("an expected alert needs a rule");
            }
        }
    }

    /** One fact on the timeline: exactly one of its fields is given. */
    record FactSpec(CheckInSpec checkIn, CheckInSeriesSpec checkIns, AttendanceSpec attendance, ItemsSpec phq9,
            ItemsSpec bam, DrugScreenSpec drugScreen, PeerConcernSpec peerConcern) {

        FactSpec {
            long given = java.util.stream.Stream.of(checkIn, checkIns, attendance, phq9, bam, drugScreen, peerConcern)
                    .filter(java.util.Objects::nonNull).count();
            if (given != 1) {
                throw new IllegalArgumentException("each fact is exactly one of checkIn, checkIns, attendance, phq9, "
                        + "bam, drugScreen or peerConcern");
            }
            if (phq9 != null && (phq9.items().size() != 9
                    || phq9.items().stream().anyMatch(item -> item == null || item < 0 || item > 3))) {
                throw new IllegalArgumentException("a PHQ-9 has 9 items, each 0 to 3");
            }
            if (bam != null && !org.saathi.facts.BamAnswers.problems(bam.items()).isEmpty()) {
                throw new IllegalArgumentException("a BAM's items: "
                        + org.saathi.facts.BamAnswers.problems(bam.items()).get(0).message());
            }
        }
    }

    record CheckInSpec(When at, Integer craving, Integer mood, Integer stress, Double sleepHours,
            Boolean usedSubstance, Boolean medicationTaken, List<String> triggers) {

        CheckInSpec {
            requireTime(at);
            craving = craving == null ? 2 : craving;
            mood = mood == null ? 7 : mood;
            if (craving < 0 || craving > 10 || mood < 1 || mood > 10) {
                throw new IllegalArgumentException("craving is 0 to 10 and mood 1 to 10");
            }
        }
    }

    /**
     * A habit: one check-in at {@code time} (local, in the participant's programme zone) on each day of
     * {@code days} ("DAILY", "WEEKDAYS" or a list of days) from the day of {@code from} to the day of
     * {@code to}, both included, with the default craving and mood.
     */
    record CheckInSeriesSpec(When from, When to, Object days, LocalTime time) {

        CheckInSeriesSpec {
            requireTime(from);
            requireTime(to);
            days = CheckInSchedule.parse(days == null ? "DAILY" : days);
            time = time == null ? LocalTime.of(9, 0) : time;
        }

        Set<DayOfWeek> weekdays() {
            return ((CheckInSchedule) days).days();
        }
    }

    record AttendanceSpec(When at, String session, AttendanceStatus status, SessionType type) {

        AttendanceSpec {
            requireTime(at);
            if (status == null) {
                throw new IllegalArgumentException("an attendance needs a status");
            }
            type = type == null ? SessionType.GROUP_THERAPY : type;
        }
    }

    record ItemsSpec(When at, List<Integer> items) {

        ItemsSpec {
            requireTime(at);
            // A BAM's answers may be null where the form skips them, and count days up to 30: checked with the fact.
            if (items == null) {
                throw new IllegalArgumentException("a screening needs its items");
            }
        }
    }

    /** {@code substances} as the screen names them; {@code confirmed: false} for a presumptive positive. */
    record DrugScreenSpec(When at, Boolean positive, List<String> substances, Boolean confirmed) {

        DrugScreenSpec {
            requireTime(at);
            substances = substances == null ? List.of() : List.copyOf(substances);
            if (positive == null) {
                throw new IllegalArgumentException("a drug screen needs positive: true or false");
            }
        }
    }

    record PeerConcernSpec(When at, ConcernLevel level, ConcernCategory category, String reportedBy) {

        PeerConcernSpec {
            requireTime(at);
            if (level == null) {
                throw new IllegalArgumentException("a peer concern needs a level: LOW, MEDIUM or HIGH");
            }
            reportedBy = reportedBy == null ? "peer" : reportedBy;
        }
    }

    private static void requireTime(When at) {
        if (at == null) {
            throw new IllegalArgumentException("every fact needs its time, 'at'");
        }
    }
}

package org.saathi.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.saathi.roster.Caseload;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Roster;
import org.saathi.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule quality from live outcomes: per rule and severity, how many alerts a period brought, how
 * many were acknowledged in time and how fast, how staff resolved them, and how many were followed
 * by a relapse. Staff see the alerts of their caseload counted; a metrics key those of its
 * programme, or of every programme. Figures resting on fewer than {@value #FEWEST_ALERTS} alerts, or
 * on the alerts of fewer than {@value #FEWEST_PARTICIPANTS} participants, are withheld: a share of
 * three alerts says nothing of a rule and may say something of a person. The period is counted in
 * whole days of the programme's zone, and is at least a week long, so that two periods a minute
 * apart cannot be set side by side to tell of one alert.
 */
@Service
public class RuleQuality {

    public static final Duration RELAPSE_WITHIN = Duration.ofDays(14);
    public static final Duration LONGEST_PERIOD = Duration.ofDays(366);
    public static final Duration SHORTEST_PERIOD = Duration.ofDays(7);
    public static final int FEWEST_ALERTS = 5;
    public static final int FEWEST_PARTICIPANTS = 5;

    /** Whose alerts are counted. */
    record Reach(boolean everyProgramme, Set<String> programmes, Set<String> participants) {

        Reach {
            programmes = Set.copyOf(programmes);
            participants = Set.copyOf(participants);
        }
    }

    private final RuleQualityStore store;
    private final Roster roster;
    private final Clock clock;

    RuleQuality(RuleQualityStore store, Roster roster, Clock clock) {
        this.store = store;
        this.roster = roster;
        this.clock = clock;
    }

    /**
     * The period asked for is checked first; then a programme the caller cannot reach is not found;
     * then the period is widened to whole days of the programme's zone (the one asked about, else
     * the caller's) and must be a week long at least.
     */
    @Transactional(readOnly = true)
    public RuleQualityReport of(Caller caller, Instant asked, Instant askedTo, Optional<String> programmeId) {
        checkOrderAndLength(asked, askedTo);
        programmeId.ifPresent(id -> ExternalIds.require("programmeId", id));
        Reach reach = reachOf(caller);
        programmeId.filter(id -> !reaches(reach, id)).ifPresent(id -> {
            throw ApiProblem.notFound("There is no programme " + id + " within your reach.");
        });
        ZoneId zone = programmeId.or(caller::programme).flatMap(roster::zoneOfProgramme)
                .orElseGet(() -> caller.isStaff() ? roster.zoneOf(caller.id()) : ZoneOffset.UTC);
        Instant from = startOfDay(asked, zone);
        Instant to = startOfDay(askedTo, zone).equals(askedTo) ? askedTo
                : startOfDay(askedTo, zone).atZone(zone).plusDays(1).toInstant();
        checkShortest(from, to);
        Instant now = clock.instant();
        RuleQualityStore.Question question = new RuleQualityStore.Question(from, to, now, reach, programmeId);
        Map<RuleQualityStore.Key, Map<String, Long>> outcomes = store.outcomes(question);
        List<String> outcomeNames = outcomeNames(outcomes);
        List<RuleQualityReport.Row> rows = new ArrayList<>();
        for (RuleQualityStore.Tally tally : store.tallies(question)) {
            Map<String, Long> counted = outcomes.getOrDefault(new RuleQualityStore.Key(tally.ruleId(),
                    tally.severity()), Map.of());
            rows.add(row(tally, outcomeNames, counted));
        }
        rows.sort(Comparator.comparing(RuleQualityReport.Row::ruleId).thenComparing(RuleQualityReport.Row::severity));
        return new RuleQualityReport(from, to, programmeId, FEWEST_ALERTS, FEWEST_PARTICIPANTS, !to.plus(RELAPSE_WITHIN).isAfter(now),
                outcomeNames, rows);
    }

    /** The period must run forward, for a week at least and for a year at most, as a backtest's does. */
    public static void checkPeriod(Instant from, Instant to) {
        checkOrderAndLength(from, to);
        checkShortest(from, to);
    }

    private static void checkOrderAndLength(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ApiProblem.invalid("from", "must be before to");
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw ApiProblem.invalid("to", "must be at most 366 days after from");
        }
    }

    private static void checkShortest(Instant from, Instant to) {
        // a day shortened by a clock change still counts as a whole day
        if (Duration.between(from, to).plusHours(1).compareTo(SHORTEST_PERIOD) < 0) {
            throw ApiProblem.invalid("to", "must be at least 7 days after from");
        }
    }

    private static Instant startOfDay(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(at, zone).atStartOfDay(zone).toInstant();
    }

    private Reach reachOf(Caller caller) {
        if (!caller.isStaff()) {
            return caller.programme().map(only -> new Reach(false, Set.of(only), Set.of()))
                    .orElseGet(() -> new Reach(true, Set.of(), Set.of()));
        }
        Caseload caseload = roster.caseload(caller);
        return new Reach(false, caseload.programmes(), caseload.participants());
    }

    private boolean reaches(Reach reach, String programmeId) {
        if (reach.everyProgramme()) {
            return roster.programmeExists(programmeId);
        }
        return reach.programmes().contains(programmeId) || roster.contexts(reach.participants()).values().stream()
                .map(ParticipantContext::programmeId).anyMatch(programmeId::equals);
    }

    /** Every outcome the product knows, then any older one still in the records. */
    private static List<String> outcomeNames(Map<RuleQualityStore.Key, Map<String, Long>> counted) {
        List<String> names = new ArrayList<>();
        for (AlertLifecycle.Outcome outcome : AlertLifecycle.Outcome.values()) {
            names.add(outcome.name());
        }
        counted.values().stream().flatMap(byOutcome -> byOutcome.keySet().stream()).distinct().sorted()
                .filter(name -> !names.contains(name)).forEach(names::add);
        return names;
    }

    private static RuleQualityReport.Row row(RuleQualityStore.Tally tally, List<String> outcomeNames,
            Map<String, Long> counted) {
        if (tally.alerts() < FEWEST_ALERTS || tally.participants() < FEWEST_PARTICIPANTS) {
            return new RuleQualityReport.Row(tally.ruleId(), tally.ruleName(), tally.severity(), tally.alerts(), true,
                    Optional.empty());
        }
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomeNames.forEach(name -> outcomes.put(name, counted.getOrDefault(name, 0L)));
        long falseAlarms = outcomes.getOrDefault(AlertLifecycle.Outcome.FALSE_ALARM.name(), 0L);
        RuleQualityReport.Figures figures = new RuleQualityReport.Figures(tally.due(), tally.inTime(),
                share(tally.inTime(), tally.due()),
                tally.medianSeconds().map(seconds -> Duration.ofSeconds(Math.round(seconds))), outcomes,
                tally.resolvedByStaff(), share(falseAlarms, tally.resolvedByStaff()), tally.relapsed(),
                share(tally.relapsed(), tally.alerts()).orElseThrow());
        return new RuleQualityReport.Row(tally.ruleId(), tally.ruleName(), tally.severity(), tally.alerts(), false,
                Optional.of(figures));
    }

    private static Optional<Double> share(long part, long whole) {
        return whole == 0 ? Optional.empty() : Optional.of(Math.round(1000.0 * part / whole) / 1000.0);
    }
}

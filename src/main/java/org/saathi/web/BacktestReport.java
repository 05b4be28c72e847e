package org.saathi.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.saathi.backtest.MonthlyRate;
import org.saathi.backtest.Result;
import org.saathi.backtest.Run;
import org.saathi.facts.Severity;

/**
 * A finished backtest as the page shows it: per run the headline figures, alerts per week (as chart
 * data and as a table), alerts per recipient, and per rule its alerts, what the compared set added
 * and removed, and how often its alerts came before a relapse. In compare mode every list holds the
 * first run, then the compared one.
 *
 * @param chart the weekly chart's data as JSON, for the page's script
 * @param mostToOneRecipient the most alerts any one recipient got in either run: the meters' common maximum
 */
record BacktestReport(Result result, boolean compare, List<Figures> runs, String chart, List<Week> weeks,
        List<Recipient> recipients, int moreRecipients, int mostToOneRecipient, List<Rule> rules) {

    /** More recipients than this are summed up in one line: a page is for reading, the API has them all. */
    static final int RECIPIENTS_SHOWN = 50;

    private static final String NONE = "—";

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    record Figures(String label, String version, int alerts, String perParticipantMonth, int relapses,
            List<Map.Entry<String, Integer>> bySeverity, List<String> warnings, Run.Failures failures) {
    }

    record Week(String label, List<WeekCount> runs) {
    }

    /** @param byRule the week's alerts per rule, in words, such as "CHK-001: 2, GAP-001: 1" */
    record WeekCount(int total, String byRule) {
    }

    record Recipient(String staffId, String name, List<Integer> alerts) {
    }

    /**
     * One rule's figures; in compare mode each outcome figure holds both runs' as "first → compared".
     *
     * @param added alerts the compared set raised and the first did not; null when not comparing
     * @param ppv the share of alerts followed by a relapse within 14 days, as a percentage
     */
    record Rule(String id, String name, List<Integer> alerts, Integer added, Integer removed, String followedByRelapse,
            String ppv, String medianLeadTime) {
    }

    /**
     * What the chart script draws: week starts in epoch seconds, and per run the counts per rule per week.
     *
     * @param most the most alerts of any one week in either run: the top of every chart's scale
     */
    record Chart(List<Long> weeks, List<String> rules, List<ChartRun> runs, int most) {
    }

    record ChartRun(String label, List<List<Integer>> counts) {
    }

    static BacktestReport of(Result result, Map<String, String> ruleNames, Function<String, String> staffNames,
            Function<Chart, String> json) {
        List<Run> runs = new ArrayList<>();
        runs.add(result.run());
        result.compareWith().ifPresent(runs::add);
        List<Recipient> recipients = recipients(runs, staffNames);
        int most = recipients.stream().flatMap(recipient -> recipient.alerts().stream()).max(Integer::compare)
                .orElse(0);
        return new BacktestReport(result, runs.size() > 1, runs.stream().map(BacktestReport::figures).toList(),
                json.apply(chart(runs)), weeks(runs), recipients.subList(0, Math.min(RECIPIENTS_SHOWN,
                recipients.size())), Math.max(0, recipients.size() - RECIPIENTS_SHOWN), Math.max(1, most),
                rules(result, runs, ruleNames));
    }

    /** "active", or the name of a candidate folder, as staff read it. */
    static String label(String rules) {
        return "active".equals(rules) ? "Active rule set" : "Candidate " + rules;
    }

    private static Figures figures(Run run) {
        Run.Summary summary = run.summary();
        List<Map.Entry<String, Integer>> bySeverity = new ArrayList<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            String severity = Severity.values()[i].name();
            bySeverity.add(Map.entry(severity, summary.bySeverity().getOrDefault(severity, 0)));
        }
        return new Figures(label(run.rules()), run.ruleSetVersion(), summary.alerts(),
                MonthlyRate.figure(summary),
                run.outcomes().relapses().size(), bySeverity,
                run.warnings().stream().map(Object::toString).toList(), run.failedEvaluations());
    }

    /** Rules that raised anything in either run; a rule silent in both has nothing to draw. */
    private static List<String> rulesRaised(List<Run> runs) {
        TreeSet<String> rules = new TreeSet<>();
        runs.forEach(run -> rules.addAll(run.summary().byRule().keySet()));
        return List.copyOf(rules);
    }

    private static Chart chart(List<Run> runs) {
        List<String> weeks = List.copyOf(runs.get(0).summary().byWeek().keySet());
        List<String> rules = rulesRaised(runs);
        int most = 0;
        List<ChartRun> drawn = new ArrayList<>();
        for (Run run : runs) {
            List<List<Integer>> counts = new ArrayList<>();
            for (String rule : rules) {
                counts.add(weeks.stream()
                        .map(week -> run.summary().byWeek().getOrDefault(week, Map.of()).getOrDefault(rule, 0)).toList());
            }
            for (String week : weeks) {
                most = Math.max(most, run.summary().byWeek().getOrDefault(week, Map.of()).values().stream()
                        .mapToInt(Integer::intValue).sum());
            }
            drawn.add(new ChartRun(label(run.rules()), counts));
        }
        List<Long> starts = weeks.stream()
                .map(week -> LocalDate.parse(week).atStartOfDay(ZoneOffset.UTC).toEpochSecond()).toList();
        return new Chart(starts, rules, drawn, most);
    }

    private static List<Week> weeks(List<Run> runs) {
        List<Week> weeks = new ArrayList<>();
        for (String week : runs.get(0).summary().byWeek().keySet()) {
            List<WeekCount> counts = runs.stream().map(run -> {
                Map<String, Integer> byRule = run.summary().byWeek().getOrDefault(week, Map.of());
                return new WeekCount(byRule.values().stream().mapToInt(Integer::intValue).sum(),
                        byRule.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                                .collect(Collectors.joining(", ")));
            }).toList();
            weeks.add(new Week(WEEK.format(LocalDate.parse(week)), counts));
        }
        return weeks;
    }

    /** Most alerts first, in either run. */
    private static List<Recipient> recipients(List<Run> runs, Function<String, String> staffNames) {
        Map<String, List<Integer>> counts = new LinkedHashMap<>();
        TreeSet<String> staff = new TreeSet<>();
        runs.forEach(run -> staff.addAll(run.summary().byRecipient().keySet()));
        for (String id : staff) {
            counts.put(id, runs.stream().map(run -> run.summary().byRecipient().getOrDefault(id, 0)).toList());
        }
        Comparator<Map.Entry<String, List<Integer>>> most = Comparator.comparing(
                entry -> entry.getValue().stream().max(Integer::compare).orElse(0));
        return counts.entrySet().stream().sorted(most.reversed().thenComparing(Map.Entry::getKey))
                .map(entry -> new Recipient(entry.getKey(), staffNames.apply(entry.getKey()), entry.getValue()))
                .toList();
    }

    private static List<Rule> rules(Result result, List<Run> runs, Map<String, String> ruleNames) {
        List<Rule> rules = new ArrayList<>();
        for (String rule : rulesRaised(runs)) {
            List<Optional<Run.RuleOutcome>> outcomes = runs.stream()
                    .map(run -> Optional.ofNullable(run.outcomes().byRule().get(rule))).toList();
            Optional<Result.Difference> difference = result.difference().map(all -> all.get(rule));
            Integer none = result.difference().isPresent() ? 0 : null;
            rules.add(new Rule(rule, ruleNames.getOrDefault(rule, rule),
                    outcomes.stream().map(outcome -> outcome.map(Run.RuleOutcome::alerts).orElse(0)).toList(),
                    difference.map(d -> d.added().size()).orElse(none),
                    difference.map(d -> d.removed().size()).orElse(none),
                    each(outcomes, outcome -> outcome.followedByRelapse() + " of " + outcome.alerts()),
                    each(outcomes, outcome -> Math.round(outcome.positivePredictiveValue() * 100) + " %"),
                    each(outcomes, outcome -> outcome.medianLeadTime().map(BacktestReport::leadTime).orElse(NONE))));
        }
        return rules;
    }

    /** A figure of each run, "—" for a run without one; a single "—" when no run has one. */
    private static String each(List<Optional<Run.RuleOutcome>> outcomes, Function<Run.RuleOutcome, String> figure) {
        List<String> figures = outcomes.stream()
                .map(outcome -> outcome.filter(o -> o.alerts() > 0).map(figure).orElse(NONE)).toList();
        return figures.stream().allMatch(NONE::equals) ? NONE : String.join(" → ", figures);
    }

    /** Days and hours, or hours and minutes under a day: how far ahead of a relapse an alert came. */
    static String leadTime(Duration lead) {
        long hours = lead.toHours();
        if (hours >= 24) {
            long days = hours / 24;
            return (days + (days == 1 ? " day" : " days") + (hours % 24 > 0 ? " " + hours % 24 + " h" : "")).strip();
        }
        long minutes = lead.toMinutesPart();
        return hours > 0 ? hours + " h" + (minutes > 0 ? " " + minutes + " min" : "") : lead.toMinutes() + " min";
    }
}

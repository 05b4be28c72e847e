package org.saathi.backtest.command;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.saathi.backtest.Backtest;
import org.saathi.backtest.MonthlyRate;
import org.saathi.backtest.ReplayOptions;
import org.saathi.backtest.Result;
import org.saathi.backtest.Run;
import org.saathi.facts.Severity;

/**
 * A backtest's result as a rule author reads it on a terminal: the alert budget, per rule, week
 * and recipient, and how the alerts stood against the relapses of the period. The whole result,
 * alert by alert, is what {@code --json} prints.
 */
final class SummaryText {

    private SummaryText() {
    }

    static String of(Result result, String facts) {
        Run run = result.run();
        StringBuilder text = new StringBuilder();
        text.append("Backtest of ").append(run.rules()).append(" (version ").append(run.ruleSetVersion())
                .append(") on ").append(facts).append('\n');
        period(result, text);
        line(text, "Alerts", run.summary().alerts() + ", " + MonthlyRate.inWords(run.summary()));
        line(text, "Relapses", relapses(run));
        text.append("\nAlerts by rule\n");
        byRule(run, text);
        text.append("\nAlerts per week (weeks from Monday, UTC)\n");
        TextTable weeks = new TextTable("week", "alerts", "by rule");
        run.summary().byWeek().forEach((week, rules) -> weeks.row(week, total(rules), rules.isEmpty() ? "-"
                : rules.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        weeks.appendTo(text);
        text.append("\nAlerts per recipient\n");
        TextTable recipients = new TextTable("staff", "alerts");
        run.summary().byRecipient().forEach(recipients::row);
        recipients.appendTo(text);
        text.append('\n');
        problems(run, "", text);
        return text.toString();
    }

    /** The lines both summaries start with: the period and how it was replayed. */
    static void period(Result result, StringBuilder text) {
        line(text, "Period", result.from() + " to " + result.to() + " ("
                + duration(Duration.between(result.from(), result.to())) + "), evaluated at every fact and every "
                + duration(result.step()));
        line(text, "Facts count", result.factsCount() == ReplayOptions.FactsCount.RECEIVED
                ? "from when Saathi received them (RECEIVED)" : "from when they were recorded (RECORDED)");
        line(text, "Resolved", result.assumeResolvedAfter().map(after -> "each alert " + duration(after)
                + " after it was raised").orElse("each alert at its acknowledgement deadline"));
        line(text, "Participants", String.format(Locale.ROOT, "%,d", result.participants()));
    }

    static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-24s%s\n", label, value));
    }

    private static void byRule(Run run, StringBuilder text) {
        Map<String, Map<Severity, Integer>> severities = new TreeMap<>();
        run.alerts().forEach(alert -> severities.computeIfAbsent(alert.ruleId(), rule -> new TreeMap<>())
                .merge(alert.severity(), 1, Integer::sum));
        TextTable table = new TextTable("rule", "alerts", "WATCH", "WARNING", "URGENT", "CRITICAL",
                "relapse in 14d", "PPV", "median lead");
        run.summary().byRule().forEach((rule, count) -> {
            Run.RuleOutcome outcome = run.outcomes().byRule().get(rule);
            Map<Severity, Integer> bySeverity = severities.getOrDefault(rule, Map.of());
            table.row(rule, count, bySeverity.getOrDefault(Severity.WATCH, 0),
                    bySeverity.getOrDefault(Severity.WARNING, 0), bySeverity.getOrDefault(Severity.URGENT, 0),
                    bySeverity.getOrDefault(Severity.CRITICAL, 0), outcome.followedByRelapse(),
                    number(outcome.positivePredictiveValue()), lead(outcome.medianLeadTime()));
        });
        Map<String, Integer> bySeverity = run.summary().bySeverity();
        table.row("all", run.summary().alerts(), bySeverity.getOrDefault("WATCH", 0),
                bySeverity.getOrDefault("WARNING", 0), bySeverity.getOrDefault("URGENT", 0),
                bySeverity.getOrDefault("CRITICAL", 0), "", "", "");
        table.appendTo(text);
    }

    static String relapses(Run run) {
        List<Run.Relapse> relapses = run.outcomes().relapses();
        long preceded = relapses.stream().filter(relapse -> !relapse.precededBy().isEmpty()).count();
        return relapses.size() + (relapses.isEmpty() ? "" : ", " + preceded + " ("
                + Math.round(100.0 * preceded / relapses.size()) + "%) preceded by an alert in the 14 days before");
    }

    /** Failed evaluations and the scenario tests the set fails, with {@code who} naming the run in compare mode. */
    static void problems(Run run, String who, StringBuilder text) {
        line(text, "Failed evaluations" + who, String.valueOf(run.failedEvaluations().count()));
        run.failedEvaluations().examples().forEach(example -> text.append("  ").append(example).append('\n'));
        line(text, "Warnings" + who, run.warnings().isEmpty() ? "none"
                : run.warnings().size() + " scenario test(s) fail; replayed anyway");
        run.warnings().forEach(warning -> text.append("  ").append(warning).append('\n'));
    }

    static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    static String lead(Optional<Duration> lead) {
        return lead.map(SummaryText::duration).orElse("-");
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** {@code 90d}, {@code 2d 4h}, {@code 3h 20m}, {@code 45m}: whole minutes at most. */
    static String duration(Duration duration) {
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        return minutes + "m";
    }
}

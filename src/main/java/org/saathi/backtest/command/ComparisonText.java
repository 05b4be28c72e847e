package org.saathi.backtest.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.saathi.backtest.Backtest;
import org.saathi.backtest.MonthlyRate;
import org.saathi.backtest.Result;
import org.saathi.backtest.Run;

/**
 * Two rule sets' runs over the same facts, side by side: A is the set of {@code --rules}, B the set
 * of {@code --compare-with}; "added" are the alerts B raises that A does not, "removed" the reverse.
 */
final class ComparisonText {

    /** Beyond this many, the list of alerts added and removed says only how many more there are. */
    static final int MOST_CHANGES_LISTED = 50;

    private record Listed(String change, String ruleId, Result.Change alert) {
    }

    private ComparisonText() {
    }

    static String of(Result result, String facts) {
        Run a = result.run();
        Run b = result.compareWith().orElseThrow();
        Map<String, Result.Difference> difference = result.difference().orElseThrow();
        StringBuilder text = new StringBuilder("Backtest on ").append(facts).append(" comparing two rule sets\n");
        text.append("  A  ").append(a.rules()).append(" (version ").append(a.ruleSetVersion()).append(")\n");
        text.append("  B  ").append(b.rules()).append(" (version ").append(b.ruleSetVersion()).append(")\n");
        SummaryText.period(result, text);
        text.append('\n');
        TextTable totals = new TextTable("", "A", "B");
        totals.row("alerts", a.summary().alerts(), b.summary().alerts());
        totals.row("per participant-month", MonthlyRate.figure(a.summary()), MonthlyRate.figure(b.summary()));
        totals.row("relapses preceded by an alert", preceded(a), preceded(b));
        totals.appendTo(text);
        text.append("\nAlerts by rule (added: B raises them and A does not; removed: the reverse)\n");
        byRule(a, b, difference, text);
        text.append("\nAlerts per week (weeks from Monday, UTC)\n");
        TextTable weeks = new TextTable("week", "A", "B");
        new TreeSet<>(a.summary().byWeek().keySet()).forEach(week -> weeks.row(week,
                SummaryText.total(a.summary().byWeek().get(week)),
                SummaryText.total(b.summary().byWeek().getOrDefault(week, Map.of()))));
        weeks.appendTo(text);
        text.append("\nAlerts per recipient\n");
        TextTable recipients = new TextTable("staff", "A", "B");
        TreeSet<String> staff = new TreeSet<>(a.summary().byRecipient().keySet());
        staff.addAll(b.summary().byRecipient().keySet());
        staff.forEach(who -> recipients.row(who, a.summary().byRecipient().getOrDefault(who, 0),
                b.summary().byRecipient().getOrDefault(who, 0)));
        recipients.appendTo(text);
        changes(difference, text);
        text.append('\n');
        SummaryText.problems(a, " (A)", text);
        SummaryText.problems(b, " (B)", text);
        return text.toString();
    }

    private static String preceded(Run run) {
        long preceded = run.outcomes().relapses().stream().filter(relapse -> !relapse.precededBy().isEmpty()).count();
        return preceded + " of " + run.outcomes().relapses().size();
    }

    private static void byRule(Run a, Run b, Map<String, Result.Difference> difference, StringBuilder text) {
        TextTable table = new TextTable("rule", "A", "B", "added", "removed", "PPV A", "PPV B", "median lead A",
                "median lead B");
        int added = 0;
        int removed = 0;
        for (Map.Entry<String, Result.Difference> rule : difference.entrySet()) {
            Run.RuleOutcome inA = a.outcomes().byRule().get(rule.getKey());
            Run.RuleOutcome inB = b.outcomes().byRule().get(rule.getKey());
            table.row(rule.getKey(), a.summary().byRule().getOrDefault(rule.getKey(), 0),
                    b.summary().byRule().getOrDefault(rule.getKey(), 0), rule.getValue().added().size(),
                    rule.getValue().removed().size(), ppv(inA), ppv(inB), lead(inA), lead(inB));
            added += rule.getValue().added().size();
            removed += rule.getValue().removed().size();
        }
        table.row("all", a.summary().alerts(), b.summary().alerts(), added, removed, "", "", "", "");
        table.appendTo(text);
    }

    private static String ppv(Run.RuleOutcome outcome) {
        return outcome == null ? "-" : SummaryText.number(outcome.positivePredictiveValue());
    }

    private static String lead(Run.RuleOutcome outcome) {
        return outcome == null ? "-" : SummaryText.lead(outcome.medianLeadTime());
    }

    /** Every alert added or removed, by participant and time, up to {@link #MOST_CHANGES_LISTED}. */
    private static void changes(Map<String, Result.Difference> difference, StringBuilder text) {
        List<Listed> listed = new ArrayList<>();
        difference.forEach((rule, changes) -> {
            changes.added().forEach(alert -> listed.add(new Listed("added", rule, alert)));
            changes.removed().forEach(alert -> listed.add(new Listed("removed", rule, alert)));
        });
        if (listed.isEmpty()) {
            text.append("\nB raises the same alerts as A.\n");
            return;
        }
        listed.sort(Comparator.comparing((Listed l) -> l.alert().participantId())
                .thenComparing(l -> l.alert().raisedAt()).thenComparing(Listed::ruleId));
        text.append("\nAlerts added and removed\n");
        TextTable table = new TextTable("change", "participant", "rule", "severity", "raised at");
        listed.stream().limit(MOST_CHANGES_LISTED).forEach(l -> table.row(l.change(), l.alert().participantId(),
                l.ruleId(), l.alert().severity(), l.alert().raisedAt()));
        table.appendTo(text);
        if (listed.size() > MOST_CHANGES_LISTED) {
            text.append("  and ").append(listed.size() - MOST_CHANGES_LISTED).append(" more\n");
        }
    }
}

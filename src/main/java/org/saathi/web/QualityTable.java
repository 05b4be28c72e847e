package org.saathi.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.saathi.alert.RuleQualityReport;

/**
 * Rule quality as the rules page shows it: one line per rule and severity, every figure already
 * worded, with the outcome columns in the order the report lists its outcomes. Counts only.
 */
record QualityTable(List<String> outcomes, List<Line> lines, int fewestAlerts, boolean relapseWindowComplete) {

    /** A rule at a severity; {@code withheld} lines show the count of alerts alone. */
    record Line(String ruleId, String ruleName, String severity, long alerts, boolean withheld, String inTime,
            String median, List<Long> outcomes, String overrideRate, String relapses) {
    }

    static QualityTable of(RuleQualityReport report) {
        List<Line> lines = new ArrayList<>();
        for (RuleQualityReport.Row row : report.rules()) {
            lines.add(row.figures().map(figures -> line(row, figures, report.outcomes()))
                    .orElseGet(() -> new Line(row.ruleId(), name(row), row.severity().name(), row.alerts(), true,
                            "", "", List.of(), "", "")));
        }
        return new QualityTable(report.outcomes().stream().map(QualityTable::label).toList(), lines,
                report.fewestAlerts(), report.relapseWindowComplete());
    }

    private static Line line(RuleQualityReport.Row row, RuleQualityReport.Figures figures, List<String> outcomes) {
        String inTime = figures.acknowledgementsDue() == 0 ? "none due yet"
                : figures.acknowledgedInTime() + " of " + figures.acknowledgementsDue() + " ("
                        + percent(figures.shareAcknowledgedInTime()) + ")";
        String override = figures.resolvedByStaff() == 0 ? "none resolved yet"
                : percent(figures.overrideRate()) + " of " + figures.resolvedByStaff();
        return new Line(row.ruleId(), name(row), row.severity().name(), row.alerts(), false, inTime,
                figures.medianTimeToAcknowledge().map(DisplayTimes::span).orElse("none acknowledged"),
                outcomes.stream().map(outcome -> figures.outcomes().getOrDefault(outcome, 0L)).toList(), override,
                figures.relapsesWithin14Days() + " (" + percent(Optional.of(figures.relapseShare())) + ")");
    }

    /** Rule names carry their id ("CHK-001 High craving"), which the page shows above the name already. */
    private static String name(RuleQualityReport.Row row) {
        return row.ruleName().startsWith(row.ruleId() + " ") ? row.ruleName().substring(row.ruleId().length() + 1)
                : row.ruleName();
    }

    private static String percent(Optional<Double> share) {
        return share.map(value -> Math.round(value * 100) + " %").orElse("–");
    }

    /** {@code FALSE_ALARM} as "False alarm": a clinician reads words, not the names the records keep. */
    static String label(String outcome) {
        String words = outcome.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

package org.saathi.cohort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The benchmark's two tables, each rule set's columns side by side: relapse episodes warned in
 * time per pattern, and stable people's non-critical alerts per participant-month per rule, each
 * with PASS or FAIL against its target.
 */
final class ScoreTable {

    private ScoreTable() {
    }

    static String episodes(List<Scores> sets) {
        List<String> header = new ArrayList<>(List.of("pattern", "episodes"));
        for (Scores set : sets) {
            String x = label(set, sets);
            header.addAll(List.of(x + "warned", x + "%", x + "by seed", x + "median lead", x + "target",
                    x + "first warned by"));
        }
        List<List<String>> rows = new ArrayList<>(List.of(header));
        for (Pattern pattern : Scores.relapses()) {
            List<String> row = new ArrayList<>(List.of(pattern.name(), String.valueOf(sets.get(0).episodes(pattern))));
            for (Scores set : sets) {
                double share = set.warnedShare(pattern);
                row.addAll(List.of(String.valueOf(set.warned(pattern)), percent(share),
                        set.warnedShareBySeed(pattern).stream().map(s -> String.format(Locale.ROOT, "%.0f", s * 100))
                                .collect(Collectors.joining("/")),
                        set.medianLead(pattern).map(ScoreTable::duration).orElse("-"),
                        share >= Scores.WARNED_TARGET ? "PASS" : "FAIL", set.firstWarnedBy(pattern)));
            }
            rows.add(row);
        }
        return "Relapse episodes warned 24 h to 7 days before the first use by a rule other than "
                + String.join(" and ", new TreeSet<>(Scoring.USE_ITSELF)) + " (target: at least "
                + percent(Scores.WARNED_TARGET) + " for every pattern)\n" + columns(rows);
    }

    static String costs(List<Scores> sets) {
        List<String> header = new ArrayList<>(List.of("rule"));
        for (Pattern pattern : Scores.stable()) {
            sets.forEach(set -> header.add(label(set, sets) + pattern.name()));
        }
        List<List<String>> rows = new ArrayList<>(List.of(header));
        TreeSet<String> rules = new TreeSet<>();
        sets.forEach(set -> rules.addAll(set.stableRules()));
        for (String rule : rules) {
            rows.add(row(rule, sets, (set, pattern) -> number(set.perMonth(pattern, Optional.of(rule)))));
        }
        rows.add(row("all", sets, (set, pattern) -> number(set.perMonth(pattern, Optional.empty()))));
        rows.add(row("target", sets, (set, pattern) ->
                set.perMonth(pattern, Optional.empty()) <= Scores.ALERTS_TARGET ? "PASS" : "FAIL"));
        rows.add(row("participant-months", sets, (set, pattern) -> number(set.months(pattern))));
        return "Stable people: non-critical alerts per participant-month, by rule (target: at most "
                + number(Scores.ALERTS_TARGET) + " for each kind)\n" + columns(rows);
    }

    private interface Cell {
        String of(Scores set, Pattern pattern);
    }

    private static List<String> row(String first, List<Scores> sets, Cell cell) {
        List<String> row = new ArrayList<>(List.of(first));
        for (Pattern pattern : Scores.stable()) {
            sets.forEach(set -> row.add(cell.of(set, pattern)));
        }
        return row;
    }

    /** "A " and "B " before each rule set's columns when there are two; nothing when there is one. */
    private static String label(Scores set, List<Scores> sets) {
        return sets.size() == 1 ? "" : (char) ('A' + sets.indexOf(set)) + " ";
    }

    private static String columns(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.size(); i++) {
                line.append(' ').append(String.format("%-" + widths[i] + "s", row.get(i))).append(' ');
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String duration(Duration duration) {
        long hours = duration.toHours();
        if (hours >= 24) {
            return hours / 24 + "d " + hours % 24 + "h";
        }
        return duration.toMinutesPart() == 0 ? hours + "h" : hours + "h " + duration.toMinutesPart() + "m";
    }
}

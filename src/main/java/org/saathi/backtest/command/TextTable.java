package org.saathi.backtest.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Columns for a terminal: counts right-aligned, names and times left-aligned. */
final class TextTable {

    private static final Pattern COUNT = Pattern.compile("|-|[0-9][0-9.,]*");

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(Object... cells) {
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    /** The table, each line indented by two spaces. */
    void appendTo(StringBuilder text) {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        boolean[] counts = new boolean[columns];
        for (int i = 0; i < columns; i++) {
            int column = i;
            counts[i] = rows.stream().skip(1).filter(row -> column < row.length)
                    .allMatch(row -> COUNT.matcher(row[column]).matches());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append("  ").append(counts[i] ? pad + row[i] : row[i] + pad);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }
}

package org.saathi.backtest.command;

import java.util.List;

/**
 * Why the backtest command stops before it has a result, in lines for the rule author, with the
 * exit code a script can act on.
 */
final class CommandRefused extends RuntimeException {

    /** Bad options, or a facts file with a bad line. */
    static final int BAD_INPUT = 2;
    /** A rules folder that does not compile. */
    static final int RULES_INVALID = 3;

    private final int exitCode;
    private final List<String> lines;

    private CommandRefused(int exitCode, List<String> lines) {
        super(String.join("\n", lines));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    static CommandRefused badInput(String message) {
        return new CommandRefused(BAD_INPUT, List.of(message));
    }

    static CommandRefused rulesInvalid(List<String> lines) {
        return new CommandRefused(RULES_INVALID, lines);
    }

    int exitCode() {
        return exitCode;
    }

    List<String> lines() {
        return lines;
    }
}

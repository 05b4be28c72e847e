package org.saathi.backtest.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.saathi.api.TimeText;
import org.saathi.backtest.BacktestRequest;
import org.saathi.backtest.ReplayOptions;

/**
 * The backtest command's options, checked as the API checks a backtest request: a period of at
 * most 366 days, a step of at least five minutes.
 */
record CommandOptions(Path rules, Path facts, Optional<Instant> from, Optional<Instant> to, Duration step,
        Optional<Duration> assumeResolvedAfter, ReplayOptions.FactsCount factsCount, Optional<Path> compareWith,
        boolean json, Optional<Path> output, int threads, boolean progress, boolean help) {

    static final String USAGE = """
            Usage: backtest --rules <folder> --facts <file.jsonl> [options]

            Replays the facts of a JSON-lines file through a rules folder, as of every moment a fact
            arrived and at every step, as the server's backtest does, and prints what the rules would
            have raised. The file format is described in rules/README.md, "Backtesting a change".

              --rules <folder>             the rule set to replay (required)
              --facts <file.jsonl>         participants, check-ins, attendance, screenings, peer concerns
                                           and confirmed relapses, one JSON object per line (required)
              --from <time>, --to <time>   the period, such as 2026-03-02T00:00:00Z; by default the span
                                           of the facts' times; at most 366 days
              --step <duration>            how often participants are evaluated between facts, as
                                           ISO-8601, at least PT5M; default PT1H
              --assume-resolved-after <d>  take each alert as resolved this long after it was raised,
                                           such as P3D; by default, at its acknowledgement deadline
              --facts-count RECEIVED|RECORDED
                                           a fact counts from when Saathi received it (its receivedAt,
                                           else its own time; the default) or from when it was recorded
              --compare-with <folder>      a second rules folder: both side by side, and the alerts it
                                           adds and removes
              --json                       print the whole result as JSON instead of the summary
              --output <file>              write the summary or the JSON to this file, not to stdout
              --threads <n>                threads to replay on; default: the machine's processors
              --progress                   draw the progress bar even when not on a terminal
              --help                       this text

            Exit codes: 0 done; 1 the backtest failed; 2 bad options or a bad line of facts; 3 a rules
            folder does not compile; 130 cancelled with Ctrl-C.
            """;

    private static final Set<String> FLAGS = Set.of("--json", "--progress", "--help");
    private static final Set<String> VALUED = Set.of("--rules", "--facts", "--from", "--to", "--step",
            "--assume-resolved-after", "--facts-count", "--compare-with", "--output", "--threads");

    /** Throws {@link CommandRefused} for an option to fix. */
    static CommandOptions parse(List<String> args, int processors) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (FLAGS.contains(arg) || arg.equals("-h")) {
                value = "true";
                name = arg.equals("-h") ? "--help" : arg;
            } else if (!VALUED.contains(name)) {
                throw refused(arg.startsWith("-") ? "unknown option " + name : "unexpected argument " + arg);
            } else if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw refused(name + " needs a value");
            }
            if (given.put(name, value) != null) {
                throw refused(name + " is given twice");
            }
        }
        if (given.containsKey("--help")) {
            return new CommandOptions(null, null, Optional.empty(), Optional.empty(), BacktestRequest.DEFAULT_STEP,
                    Optional.empty(), ReplayOptions.FactsCount.RECEIVED, Optional.empty(), false, Optional.empty(), 1,
                    false, true);
        }
        return new CommandOptions(folder(given, "--rules").orElseThrow(() -> refused("--rules <folder> is required")),
                file(given), time(given, "--from"), time(given, "--to"), step(given), resolvedAfter(given),
                factsCount(given), folder(given, "--compare-with"), given.containsKey("--json"),
                output(given), threads(given, processors),
                given.containsKey("--progress"), false);
    }

    private static CommandRefused refused(String message) {
        return CommandRefused.badInput(message + " (see --help)");
    }

    private static Optional<Path> folder(Map<String, String> given, String name) {
        return Optional.ofNullable(given.get(name)).map(Path::of).map(folder -> {
            if (!Files.isDirectory(folder)) {
                throw refused(name + ": there is no folder " + folder);
            }
            return folder;
        });
    }

    private static Path file(Map<String, String> given) {
        Path facts = Optional.ofNullable(given.get("--facts")).map(Path::of)
                .orElseThrow(() -> refused("--facts <file.jsonl> is required"));
        if (!Files.isRegularFile(facts)) {
            throw refused("--facts: there is no file " + facts);
        }
        return facts;
    }

    /** Checked now rather than after a long replay whose result would have nowhere to go. */
    private static Optional<Path> output(Map<String, String> given) {
        return Optional.ofNullable(given.get("--output")).map(Path::of).map(output -> {
            Path folder = output.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder) || Files.isDirectory(output)) {
                throw refused("--output: cannot write " + output);
            }
            return output;
        });
    }

    private static Optional<Instant> time(Map<String, String> given, String name) {
        return Optional.ofNullable(given.get(name)).map(text -> TimeText.parse(text)
                .orElseThrow(() -> refused(name + " " + TimeText.EXPECTED)));
    }

    private static Optional<Duration> duration(Map<String, String> given, String name) {
        return Optional.ofNullable(given.get(name)).map(text -> {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException notADuration) {
                throw refused(name + " must be an ISO-8601 duration, such as PT1H or P3D");
            }
        });
    }

    private static Duration step(Map<String, String> given) {
        Duration step = duration(given, "--step").orElse(BacktestRequest.DEFAULT_STEP);
        if (step.compareTo(BacktestRequest.SHORTEST_STEP) < 0) {
            throw refused("--step must be at least 5 minutes (PT5M)");
        }
        return step;
    }

    private static Optional<Duration> resolvedAfter(Map<String, String> given) {
        Optional<Duration> after = duration(given, "--assume-resolved-after");
        if (after.filter(d -> d.isNegative() || d.isZero() || d.compareTo(BacktestRequest.LONGEST_PERIOD) > 0)
                .isPresent()) {
            throw refused("--assume-resolved-after must be a positive duration of at most 366 days");
        }
        return after;
    }

    private static ReplayOptions.FactsCount factsCount(Map<String, String> given) {
        String count = given.getOrDefault("--facts-count", "RECEIVED").toUpperCase(Locale.ROOT);
        try {
            return ReplayOptions.FactsCount.valueOf(count);
        } catch (IllegalArgumentException unknown) {
            throw refused("--facts-count must be RECEIVED or RECORDED");
        }
    }

    private static int threads(Map<String, String> given, int processors) {
        String text = given.getOrDefault("--threads", String.valueOf(processors));
        try {
            int threads = Integer.parseInt(text);
            if (threads >= 1 && threads <= 256) {
                return threads;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw refused("--threads must be a whole number from 1 to 256");
    }

    /**
     * The replay's options, the period by default the span of the facts' times. Throws
     * {@link CommandRefused} for a period the API would refuse, or when there is nothing to replay.
     */
    ReplayOptions replayOptions(Optional<FactsFile.Span> span) {
        if ((from.isEmpty() || to.isEmpty()) && span.isEmpty()) {
            throw CommandRefused.badInput(facts + " has no facts, so there is no period to replay; "
                    + "give --from and --to to replay participants without facts");
        }
        Instant start = from.orElseGet(() -> span.get().earliest());
        Instant end = to.orElseGet(() -> span.get().latest());
        String period = " (the period is " + start + " to " + end
                + (from.isPresent() && to.isPresent() ? ")" : "; --from and --to default to the span of the facts)");
        if (!start.isBefore(end)) {
            throw CommandRefused.badInput("--from must be before --to" + period);
        }
        if (Duration.between(start, end).compareTo(BacktestRequest.LONGEST_PERIOD) > 0) {
            throw CommandRefused.badInput("the period may be at most 366 days" + period);
        }
        return new ReplayOptions(start, end, step, assumeResolvedAfter, factsCount);
    }
}

package org.saathi.backtest.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.saathi.backtest.Backtest;
import org.saathi.backtest.ParticipantHistory;
import org.saathi.backtest.ReplayOptions;
import org.saathi.backtest.Result;
import org.saathi.backtest.RunTally;
import org.saathi.rules.RuleSetInvalid;
import org.saathi.rules.RuleSetProblem;
import org.saathi.rules.RuleSetReplay;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backtest from the command line, for rule authors without a server: a rules folder and a
 * JSON-lines file of facts in, the summary (or the whole result as JSON) out. No Spring and no
 * database; the replay is the server's. Ctrl-C stops it at the next participant.
 *
 * <p>Memory: the facts file's index (16 bytes a line, see {@link FactsFile}), the facts of one batch
 * of participants ({@value #BATCH_PER_THREAD} a thread) while they are replayed, and the alerts
 * raised, which the result lists one by one as the server's does.
 *
 * <pre>mvn -q compile exec:java -Dexec.args="--rules rules --facts facts.jsonl"
 * java -jar saathi.jar backtest --rules rules --facts facts.jsonl</pre>
 */
public final class BacktestCommand {

    static final int DONE = 0;
    static final int FAILED = 1;
    /** As a shell reports a command stopped by Ctrl-C (128 + SIGINT). */
    static final int CANCELLED = 130;

    /** Participants read and replayed together: enough to keep every thread busy, few enough to bound memory. */
    private static final int BATCH_PER_THREAD = 4;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Backtest running;
    private volatile int total;

    /** {@code terminal}: whether stderr is a terminal, where the progress bar is drawn unasked. */
    BacktestCommand(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/saathi/backtest/command/command-logback.xml");
        }
        BacktestCommand command = new BacktestCommand(System.out, System.err, System.console() != null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> command.cancelAndWait(Duration.ofSeconds(30)),
                "backtest-cancel"));
        int exitCode = command.run(args);
        // Cancelled by Ctrl-C, the JVM is already shutting down; it exits with 130 once the hook returns.
        if (exitCode != CANCELLED) {
            System.exit(exitCode);
        }
    }

    /** Runs the command; answers its exit code. */
    int run(String... args) {
        try {
            CommandOptions options = CommandOptions.parse(List.of(args), Runtime.getRuntime().availableProcessors());
            if (options.help()) {
                out.print(CommandOptions.USAGE);
                return DONE;
            }
            try (FactsFile facts = FactsFile.scan(options.facts(), cancelled::get)) {
                total = facts.participants().size();
                Result result = backtest(options, facts);
                print(options, options.json() ? JSON.writeValueAsString(result) + "\n"
                        : result.compareWith().isPresent() ? ComparisonText.of(result, facts.name())
                                : SummaryText.of(result, facts.name()));
                return DONE;
            }
        } catch (CommandRefused refused) {
            refused.lines().forEach(err::println);
            return refused.exitCode();
        } catch (CancellationException cancelledByUser) {
            err.println("cancelled after " + replayed() + " of " + total + " participants");
            return CANCELLED;
        } catch (RuntimeException failed) {
            err.println("the backtest failed: " + failed);
            return FAILED;
        } finally {
            out.flush();
            err.flush();
            ended.countDown();
        }
    }

    /** To a file when asked: {@code mvn -q exec:java} wraps a program's stdout in colour codes of its own. */
    private void print(CommandOptions options, String text) {
        if (options.output().isEmpty()) {
            out.print(text);
            return;
        }
        try {
            Files.writeString(options.output().get(), text);
        } catch (IOException unwritable) {
            throw CommandRefused.badInput("--output: cannot write " + options.output().get() + ": "
                    + unwritable.getMessage());
        }
    }

    private Result backtest(CommandOptions options, FactsFile facts) {
        ReplayOptions replay = options.replayOptions(facts.span());
        RuleSetReplay base = compile(options.rules());
        Optional<RuleSetReplay> other = options.compareWith().map(this::compile);
        requireKnownThresholds(facts, base, other);
        Duration window = other.map(RuleSetReplay::window).filter(w -> w.compareTo(base.window()) > 0)
                .orElse(base.window());
        Backtest backtest = new Backtest(replay, tally(options.rules(), base, replay),
                other.map(set -> tally(options.compareWith().get(), set, replay)), options.threads());
        running = backtest;
        try (ProgressBar bar = ProgressBar.start(err, options.progress() || terminal, total, backtest::done)) {
            replayEveryone(backtest, facts, replay, window, BATCH_PER_THREAD * options.threads());
        } catch (RuntimeException stopped) {
            backtest.abandon();
            throw stopped;
        }
        return backtest.finish();
    }

    /** Participant by participant: only one batch of them has its facts in memory at a time. */
    private void replayEveryone(Backtest backtest, FactsFile facts, ReplayOptions replay, Duration window,
            int batchSize) {
        List<ParticipantHistory> batch = new ArrayList<>(batchSize);
        for (ParticipantLines participant : facts.participants()) {
            checkCancelled();
            batch.add(participant.history(facts, replay, window));
            if (batch.size() == batchSize) {
                backtest.replay(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        backtest.replay(batch);
    }

    private RuleSetReplay compile(Path folder) {
        checkCancelled();
        try {
            return RuleSetReplay.compile(folder);
        } catch (RuleSetInvalid invalid) {
            List<String> lines = new ArrayList<>();
            lines.add(folder + " does not compile: " + invalid.problems().size() + " problem(s)");
            invalid.problems().forEach(problem -> lines.add(inFolder(folder, problem).toString()));
            throw CommandRefused.rulesInvalid(lines);
        }
    }

    private static RuleSetProblem inFolder(Path folder, RuleSetProblem problem) {
        return new RuleSetProblem(folder.resolve(problem.file()).toString(), problem.line(), problem.message());
    }

    /** A candidate that fails its scenario tests is replayed all the same: its author is finding out why. */
    private RunTally tally(Path folder, RuleSetReplay set, ReplayOptions replay) {
        List<RuleSetProblem> warnings = set.scenarioFailures().stream().map(problem -> inFolder(folder, problem))
                .toList();
        if (!warnings.isEmpty()) {
            err.println("warning: " + folder + " fails " + warnings.size() + " scenario test(s); replaying it anyway "
                    + "(they are listed with the result)");
        }
        return new RunTally(folder.toString(), set, replay, warnings);
    }

    /** A threshold no rule set defines would be quietly ignored, as a programme could not set it either. */
    private static void requireKnownThresholds(FactsFile facts, RuleSetReplay base, Optional<RuleSetReplay> other) {
        facts.thresholdKeys().forEach((key, line) -> {
            boolean known = base.thresholds(Map.of()).containsKey(key)
                    || other.filter(set -> set.thresholds(Map.of()).containsKey(key)).isPresent();
            if (!known) {
                throw facts.bad(line, "programmeThresholds: " + key + " is not a threshold of the rule set "
                        + "(see its thresholds.yaml)");
            }
        });
    }

    private void checkCancelled() {
        if (cancelled.get()) {
            throw new CancellationException("the backtest was cancelled");
        }
    }

    /** Participants replayed so far. */
    int replayed() {
        return Optional.ofNullable(running).map(Backtest::done).orElse(0);
    }

    /** Stops the backtest at the next participant, and waits a while for the command to say how far it got. */
    void cancelAndWait(Duration patience) {
        cancelled.set(true);
        Optional.ofNullable(running).ifPresent(Backtest::cancel);
        try {
            ended.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

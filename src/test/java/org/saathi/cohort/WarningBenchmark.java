package org.saathi.cohort;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

import org.saathi.backtest.command.CohortReplay;
import org.saathi.rules.RuleSetReplay;

/**
 * How early, how few and how right a rule set's warnings are, on synthetic cohorts
 * ({@link Cohort}): for each seed a cohort is generated, written as a backtest facts file (with its
 * ground truth beside it) and replayed through the rule set, and through a second one to compare.
 * Prints, per relapse pattern, the episodes warned in time and the median lead time, and per kind
 * of stable person the non-critical alerts per participant-month by rule, against the targets.
 * Definitions are in {@link Scoring}. A benchmark, not a test: it asserts nothing.
 *
 * <pre>mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.saathi.cohort.WarningBenchmark -Dexec.args="--compare data/rule-candidates/x"</pre>
 *
 * Options: {@code --rules <folder>} (default {@code rules}), {@code --compare <folder>} (also
 * {@code --compare-with}), {@code --seeds 1,2,3}, {@code --per-pattern 40}, {@code --days 75},
 * {@code --history-days 14} (days of each history before the replayed period, which baselines
 * need), {@code --step PT1H}, {@code --out target/cohort} (where the cohorts are written).
 */
public final class WarningBenchmark {

    record Options(Path rules, Optional<Path> compare, List<Long> seeds, int perPattern, int days, int historyDays,
            Duration step, Path out) {

        static Options parse(String... args) {
            Options o = new Options(Path.of("rules"), Optional.empty(), List.of(1L, 2L, 3L), 40, 75, 14,
                    Duration.ofHours(1), Path.of("target/cohort"));
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                o = switch (args[i]) {
                    case "--rules" -> new Options(Path.of(value), o.compare, o.seeds, o.perPattern, o.days,
                            o.historyDays, o.step, o.out);
                    case "--compare", "--compare-with" -> new Options(o.rules, Optional.of(Path.of(value)), o.seeds,
                            o.perPattern, o.days, o.historyDays, o.step, o.out);
                    case "--seeds" -> new Options(o.rules, o.compare, Arrays.stream(value.split(",")).map(String::strip)
                            .map(Long::valueOf).toList(), o.perPattern, o.days, o.historyDays, o.step, o.out);
                    case "--per-pattern" -> new Options(o.rules, o.compare, o.seeds, Integer.parseInt(value), o.days,
                            o.historyDays, o.step, o.out);
                    case "--days" -> new Options(o.rules, o.compare, o.seeds, o.perPattern, Integer.parseInt(value),
                            o.historyDays, o.step, o.out);
                    case "--history-days" -> new Options(o.rules, o.compare, o.seeds, o.perPattern, o.days,
                            Integer.parseInt(value), o.step, o.out);
                    case "--step" -> new Options(o.rules, o.compare, o.seeds, o.perPattern, o.days, o.historyDays,
                            Duration.parse(value), o.out);
                    case "--out" -> new Options(o.rules, o.compare, o.seeds, o.perPattern, o.days, o.historyDays,
                            o.step, Path.of(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                };
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("every option takes a value: " + args[args.length - 1]);
            }
            return o;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        PrintStream out = System.out;
        long started = System.nanoTime();
        List<Path> folders = new ArrayList<>(List.of(options.rules()));
        options.compare().ifPresent(folders::add);
        List<RuleSetReplay> sets = folders.stream().map(RuleSetReplay::compile).toList();
        List<Scores> scores = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            scores.add(new Scores(folders.get(i).toString(), sets.get(i).version()));
        }
        LocalDate start = Cohort.START;
        Instant from = start.plusDays(options.historyDays()).atStartOfDay(Life.ZONE).toInstant();
        Instant to = start.plusDays(options.days()).atStartOfDay(Life.ZONE).toInstant();
        out.println(header(options, scores, from, to));
        replaySeeds(options, sets, scores, from, to, out);
        out.println();
        out.println(ScoreTable.episodes(scores));
        out.println(ScoreTable.costs(scores));
        out.printf(Locale.ROOT, "took %.0f s on %d processors%n", (System.nanoTime() - started) / 1e9,
                Runtime.getRuntime().availableProcessors());
    }

    /** Each seed's cohort, generated, written, and scored by every rule set. */
    private static void replaySeeds(Options options, List<RuleSetReplay> sets, List<Scores> scores, Instant from,
            Instant to, PrintStream out) throws Exception {
        ForkJoinPool threads = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            for (long seed : options.seeds()) {
                long seedStarted = System.nanoTime();
                Cohort cohort = Cohort.generate(seed, options.perPattern(), Cohort.START, options.days());
                Path facts = options.out().resolve("seed-" + seed + ".jsonl");
                cohort.write(facts, options.out().resolve("seed-" + seed + "-episodes.jsonl"));
                try (CohortReplay replay = CohortReplay.open(facts)) {
                    for (int i = 0; i < sets.size(); i++) {
                        score(threads, cohort, new Scoring(replay, sets.get(i), from, options.step()), to,
                                scores.get(i));
                    }
                }
                out.printf(Locale.ROOT, "seed %d: %d participants, %s, replayed in %.0f s%n", seed,
                        cohort.people().size(), facts, (System.nanoTime() - seedStarted) / 1e9);
            }
        } finally {
            threads.shutdown();
        }
    }

    private static void score(ForkJoinPool threads, Cohort cohort, Scoring scoring, Instant to, Scores scores)
            throws InterruptedException, ExecutionException {
        threads.submit(() -> cohort.people().parallelStream().forEach(person -> {
            if (person.pattern().stable()) {
                scores.add(scoring.cost(person, to));
            } else {
                scores.add(cohort.seed(), scoring.episode(person));
            }
        })).get();
    }

    private static String header(Options options, List<Scores> scores, Instant from, Instant to) {
        StringBuilder text = new StringBuilder("Synthetic cohorts: seeds " + options.seeds() + ", "
                + options.perPattern() + " participants of each of " + Pattern.values().length + " patterns, "
                + options.days() + " days from " + Cohort.START + " (Asia/Kolkata); replayed from day "
                + options.historyDays() + " (" + from + " to " + to + "), at every fact and every "
                + ScoreTable.duration(options.step()) + ", facts counting from when they were received\n");
        for (Scores set : scores) {
            text.append(scores.size() == 1 ? "Rules: " : (char) ('A' + scores.indexOf(set)) + ": ")
                    .append(set.name()).append(" (version ").append(set.version()).append(")\n");
        }
        return text.toString();
    }
}

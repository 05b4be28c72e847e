package org.saathi.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.CheckIn;
import org.saathi.facts.Phq9;
import org.saathi.facts.SessionType;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;

/**
 * Evaluation alone, without the database: participants evaluated per second with a 28-day window
 * of about 3 check-ins a day and 3 sessions a week, on one thread and on two, and the compile time
 * of the rule set. A benchmark, not a test: it prints figures and asserts nothing.
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.saathi.rules.EvaluationBenchmark</pre>
 */
public final class EvaluationBenchmark {

    private static final Duration WINDOW = Duration.ofDays(28);
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final int PARTICIPANTS = 2_000;

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        CompiledRuleSet rules = RuleSetLoader.compile(RuleScenarioTests.RULES, WINDOW, Duration.ofDays(14),
                Instant.now());
        double coldCompileMs = (System.nanoTime() - started) / 1e6;
        List<Double> warmCompiles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long again = System.nanoTime();
            RuleSetLoader.compile(RuleScenarioTests.RULES, WINDOW, Duration.ofDays(14), Instant.now());
            warmCompiles.add((System.nanoTime() - again) / 1e6);
        }
        Instant now = Instant.parse("2026-01-15T03:30:00Z");
        List<EvaluationInput> inputs = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < PARTICIPANTS; i++) {
            inputs.add(participant("P-" + i, now, rules, random));
        }
        int facts = inputs.get(0).checkIns().size() + inputs.get(0).attendanceReports().size();
        System.out.printf("rule set %s: %d rules; compile %.0f ms cold, %.0f / %.0f / %.0f ms warm%n",
                rules.version(), rules.rules().size(), coldCompileMs, warmCompiles.get(0), warmCompiles.get(1),
                warmCompiles.get(2));
        System.out.printf("window: %d facts a participant (%d check-ins, %d sessions), %d distinct participants%n",
                facts, inputs.get(0).checkIns().size(), inputs.get(0).attendanceReports().size(), PARTICIPANTS);
        run(rules, inputs, 1, Duration.ofSeconds(10));
        for (int threads : new int[] {1, 2}) {
            double rate = run(rules, inputs, threads, MEASURE);
            System.out.printf("%d thread%s: %,.0f participants evaluated per second (%.3f ms each)%n", threads,
                    threads == 1 ? " " : "s", rate, 1000.0 * threads / rate);
        }
    }

    private static double run(CompiledRuleSet rules, List<EvaluationInput> inputs, int threads, Duration period)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong evaluated = new AtomicLong();
        AtomicLong findings = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                int i = offset;
                while (!stop.get()) {
                    findings.addAndGet(rules.evaluate(inputs.get(i % inputs.size())).findings().size());
                    evaluated.incrementAndGet();
                    i += threads;
                }
            }));
        }
        Thread.sleep(period.toMillis());
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        if (findings.get() == 0) {
            throw new IllegalStateException("no findings at all: the benchmark data exercises nothing");
        }
        return evaluated.get() / seconds;
    }

    /** 28 days of three check-ins a day and three sessions a week, with a realistic share of bad days. */
    private static EvaluationInput participant(String id, Instant now, CompiledRuleSet rules, Random random) {
        List<CheckIn> checkIns = new ArrayList<>();
        for (int hoursAgo = 2; hoursAgo < 28 * 24; hoursAgo += 8) {
            boolean badDay = random.nextInt(10) == 0;
            checkIns.add(new CheckIn(id + "-c" + hoursAgo, id, now.minus(Duration.ofHours(hoursAgo)), 0,
                    badDay ? 7 + random.nextInt(4) : random.nextInt(6), badDay ? 1 + random.nextInt(3)
                            : 4 + random.nextInt(6), random.nextInt(11), 3.0 + random.nextInt(6),
                    random.nextInt(50) == 0, true, List.of()));
        }
        List<Attendance> attendance = new ArrayList<>();
        for (int day = 1; day < 28; day += 2) {
            if (attendance.size() == 12) {
                break;
            }
            AttendanceStatus status = random.nextInt(5) == 0 ? AttendanceStatus.ABSENT : AttendanceStatus.ATTENDED;
            attendance.add(new Attendance(id + "-a" + day, id, now.minus(Duration.ofDays(day)), 0, id + "-s" + day,
                    "G-1", SessionType.GROUP_THERAPY, status));
        }
        List<Phq9> phq9 = List.of(Phq9.of(id + "-phq", id, now.minus(Duration.ofDays(3)),
                List.of(1, 1, 2, 1, 1, 2, 1, random.nextInt(2), 0)));
        ParticipantContext participant = new ParticipantContext(id, "default", ParticipantStatus.ACTIVE, true,
                now.minus(Duration.ofDays(90)), "mentor", "counsellor", Optional.of("supervisor"), true,
                List.of("supervisor"), ParticipantContext.DEFAULT_TIMEZONE, Optional.empty());
        return new EvaluationInput(participant, now, rules.thresholds(), checkIns, attendance, phq9, List.of(),
                List.of(), List.of(), checkIns.stream().findFirst(), List.of());
    }

    private EvaluationBenchmark() {
    }
}

package org.saathi.backtest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.saathi.SaathiApplication;
import org.saathi.security.Caller;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A backtest of a whole programme through the service, on the embedded PostgreSQL: participants
 * with 90 days of history (plus the 28-day window before), one check-in a day and three sessions a
 * week, replayed at a one-hour step. Prints the time, the evaluations per second and the peak heap,
 * next to a live sweep round over the same participants measured in the same run (one evaluation
 * each, reading from the database) as the baseline. Run it in a JVM limited to 512 MiB to see that
 * the replay streams. A benchmark, not a test: it prints figures.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) org.saathi.backtest.BacktestBenchmark 10000 2
 * </pre>
 * The arguments are the participants (10,000) and the threads the backtest may use (1, the default
 * setting, or 2 on this 2-core machine).
 */
public final class BacktestBenchmark {

    static final int DAYS = 90;

    public static void main(String[] args) throws Exception {
        int participants = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SaathiApplication.class).run(
                "--saathi.embedded-database.ephemeral=true", "--server.port=0",
                "--saathi.admin-password=benchmark-password", "--saathi.sweep.enabled=false",
                "--saathi.notify.dispatcher=false", "--logging.level.org.saathi=WARN",
                "--saathi.backtest.threads=" + threads, "--spring.datasource.hikari.maximum-pool-size=8")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long generating = System.nanoTime();
            generate(jdbc, participants);
            long facts = jdbc.sql("SELECT (SELECT count(*) FROM check_in) + (SELECT count(*) FROM attendance)"
                    + " + (SELECT count(*) FROM screening)").query(Long.class).single();
            System.out.printf("generated %,d participants with %,d facts in %.0f s%n", participants, facts,
                    (System.nanoTime() - generating) / 1e9);
            double sweepRate = sweepBaseline(app);
            Backtests backtests = app.getBean(Backtests.class);
            Caller supervisor = new Caller(Caller.Kind.STAFF, "bench-supervisor", "bench-supervisor",
                    Set.of("ROLE_SUPERVISOR"));
            Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
            BacktestRequest request = new BacktestRequest(to.minus(Duration.ofDays(DAYS)), to, Duration.ofHours(1),
                    null, null, null, null, null);
            System.gc();
            HeapWatch heap = new HeapWatch();
            heap.start();
            long started = System.nanoTime();
            Result result = backtests.run(supervisor, request).ended().get().result().orElseThrow();
            double seconds = (System.nanoTime() - started) / 1e9;
            heap.interrupt();
            heap.join();
            long evaluations = (long) participants * (DAYS * 24 + 1 + DAYS + DAYS * 3 / 7);
            System.out.printf("backtest: %,d participants x %d days at a 1-hour step on %d thread(s) in %.0f s "
                            + "(%.1f min): %,.0f participants per second, about %,.0f evaluations per second; "
                            + "%,d alerts, %,d relapses; peak heap in use %d MiB, at most %d MiB of it live after a "
                            + "collection (max heap %d MiB)%n",
                    result.participants(), DAYS, threads, seconds, seconds / 60, result.participants() / seconds,
                    evaluations / seconds, result.run().summary().alerts(),
                    result.run().outcomes().relapses().size(), heap.peakUsed / (1024 * 1024),
                    heap.peakLive / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            System.out.printf("ratio: one replayed evaluation costs %.2f of a live sweep evaluation%n",
                    sweepRate / (evaluations / seconds));
        }
    }

    /** A live sweep round over the same participants: one evaluation each, facts read from the database. */
    private static double sweepBaseline(ConfigurableApplicationContext app) throws Exception {
        Object sweep = app.getBean(Class.forName("org.saathi.ingest.EvaluationSweep"));
        var round = sweep.getClass().getDeclaredMethod("sweepRound");
        round.setAccessible(true);
        round.invoke(sweep); // raises the alerts the history holds, so that the measured round is a steady one
        app.getBean(JdbcClient.class).sql("DELETE FROM sweep_mark").update();
        long started = System.nanoTime();
        int swept = (int) round.invoke(sweep);
        double rate = swept / ((System.nanoTime() - started) / 1e9);
        System.out.printf("baseline: a live sweep round evaluated %,d participants at %,.0f per second%n", swept, rate);
        return rate;
    }

    /**
     * The heap in use, looked at every 50 ms: its peak (garbage included), and the most that was still
     * live after a collection (what the backtest really holds). The peaks of the separate pools would
     * add up to more than was ever in use at once.
     */
    private static final class HeapWatch extends Thread {

        volatile long peakUsed;
        volatile long peakLive;

        HeapWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null).toList();
            while (!isInterrupted()) {
                peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                peakLive = Math.max(peakLive, pools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed())
                        .sum());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    /** Participants and their history, made by the database itself: the benchmark measures the replay. */
    private static void generate(JdbcClient jdbc, int participants) {
        jdbc.sql("""
                INSERT INTO staff (id, name, email, roles, programme_id, created_at, updated_at) VALUES
                    ('bench-mentor', 'Mentor', 'mentor@example.org', '{PEER_MENTOR}', 'default', now(), now()),
                    ('bench-counsellor', 'Counsellor', 'counsellor@example.org', '{COUNSELLOR}', 'default', now(),
                        now()),
                    ('bench-supervisor', 'Supervisor', 'supervisor@example.org', '{SUPERVISOR}', 'default', now(),
                        now())""").update();
        jdbc.sql("""
                INSERT INTO participant (id, display_name, programme_id, peer_mentor_id, counsellor_id, timezone,
                    status, share_with_peer_mentor, expects_daily_check_in, created_at, updated_at)
                SELECT 'B-' || lpad(g::text, 6, '0'), 'B.', 'default', 'bench-mentor', 'bench-counsellor',
                    'Asia/Kolkata', 'ACTIVE', true, true, now() - interval '150 days', now()
                FROM generate_series(1, :n) g""").param("n", participants).update();
        // One check-in a day, most days, received a few minutes after it was recorded; now and then a craving spike,
        // a bad night, or reported use.
        jdbc.sql("""
                INSERT INTO check_in (participant_id, recorded_at, source, craving, mood, sleep_hours, used_substance,
                    received_at)
                SELECT p.id, t, 'bench',
                    CASE WHEN random() < 0.04 THEN 7 + (random() * 3)::int ELSE (random() * 5)::int END,
                    4 + (random() * 6)::int, CASE WHEN random() < 0.05 THEN 3 ELSE 5 + (random() * 4)::int END,
                    random() < 0.005, t + make_interval(secs => (random() * 600)::int)
                FROM participant p CROSS JOIN generate_series(1, :days) k
                CROSS JOIN LATERAL (SELECT now() - make_interval(days => k, hours => (random() * 12)::int) AS t) c
                WHERE random() < 0.9""").param("days", DAYS + 28).update();
        jdbc.sql("""
                INSERT INTO attendance (participant_id, session_id, session_type, scheduled_at, status, source,
                    received_at)
                SELECT p.id, 'S' || k, 'GROUP_THERAPY', now() - make_interval(days => 7 * (k / 3) + 2 * (k % 3) + 1),
                    CASE WHEN random() < 0.15 THEN 'ABSENT' ELSE 'ATTENDED' END, 'bench',
                    now() - make_interval(days => 7 * (k / 3) + 2 * (k % 3) + 1) + interval '3 hours'
                FROM participant p CROSS JOIN generate_series(0, :sessions) k""")
                .param("sessions", (DAYS + 28) * 3 / 7).update();
        jdbc.sql("""
                INSERT INTO screening (participant_id, instrument, recorded_at, source, positive, received_at)
                SELECT p.id, 'DRUG_SCREEN', now() - make_interval(days => 30 * k + 5), 'bench', random() < 0.05,
                    now() - make_interval(days => 30 * k + 4)
                FROM participant p CROSS JOIN generate_series(0, 3) k""").update();
        jdbc.sql("ANALYZE").update();
    }

    private BacktestBenchmark() {
    }
}

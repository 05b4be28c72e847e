package org.saathi.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import org.saathi.SaathiApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One sweep round over many participants, each with 28 days of history (3 check-ins a day, 3
 * sessions a week), on the embedded PostgreSQL: participants per second and the peak heap. Run it
 * in a JVM limited to 512 MiB to see that it fits. A benchmark, not a test: it prints figures.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) org.saathi.ingest.SweepBenchmark 100000
 * </pre>
 */
public final class SweepBenchmark {

    public static void main(String[] args) {
        int participants = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SaathiApplication.class).run(
                "--saathi.embedded-database.ephemeral=true", "--server.port=0",
                "--saathi.admin-password=benchmark-password", "--saathi.sweep.enabled=false",
                "--saathi.notify.dispatcher=false", "--logging.level.org.saathi=WARN",
                "--spring.datasource.hikari.maximum-pool-size=8")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long generating = System.nanoTime();
            generate(jdbc, participants);
            long facts = jdbc.sql("SELECT (SELECT count(*) FROM check_in) + (SELECT count(*) FROM attendance)")
                    .query(Long.class).single();
            System.out.printf("generated %,d participants with %,d facts in %.0f s%n", participants, facts,
                    (System.nanoTime() - generating) / 1e9);
            EvaluationSweep sweep = app.getBean(EvaluationSweep.class);
            round("first round (raises the history's alerts)", sweep, jdbc);
            // The same participants again, as the next round would see them: nothing new to raise.
            jdbc.sql("DELETE FROM sweep_mark").update();
            round("next round (nothing new)", sweep, jdbc);
        }
    }

    private static void round(String name, EvaluationSweep sweep, JdbcClient jdbc) {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long alertsBefore = jdbc.sql("SELECT count(*) FROM alert").query(Long.class).single();
        long started = System.nanoTime();
        int swept = sweep.sweepRound();
        double seconds = (System.nanoTime() - started) / 1e9;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long alerts = jdbc.sql("SELECT count(*) FROM alert").query(Long.class).single() - alertsBefore;
        System.out.printf("%s: swept %,d participants in %.1f s: %,.0f participants per second; %,d alerts raised; "
                        + "peak heap %d MiB (max heap %d MiB)%n", name, swept, seconds, swept / seconds, alerts,
                peakHeap / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** Participants and their history, made by the database itself: the benchmark measures the sweep. */
    private static void generate(JdbcClient jdbc, int participants) {
        jdbc.sql("""
                INSERT INTO staff (id, name, email, roles, programme_id, created_at, updated_at) VALUES
                    ('bench-mentor', 'Mentor', 'mentor@example.org', '{PEER_MENTOR}', 'default', now(), now()),
                    ('bench-counsellor', 'Counsellor', 'counsellor@example.org', '{COUNSELLOR}', 'default', now(),
                        now())""").update();
        jdbc.sql("""
                INSERT INTO participant (id, display_name, programme_id, peer_mentor_id, counsellor_id, timezone,
                    status, share_with_peer_mentor, expects_daily_check_in, created_at, updated_at)
                SELECT 'S-' || lpad(g::text, 6, '0'), 'S.', 'default', 'bench-mentor', 'bench-counsellor',
                    'Asia/Kolkata', 'ACTIVE', true, true, now() - interval '60 days', now()
                FROM generate_series(1, :n) g""").param("n", participants).update();
        jdbc.sql("""
                INSERT INTO check_in (participant_id, recorded_at, source, craving, mood, sleep_hours, used_substance,
                    received_at)
                SELECT p.id, now() - make_interval(hours => 8 * k + 2), 'bench',
                    CASE WHEN random() < 0.05 THEN 7 + (random() * 3)::int ELSE (random() * 5)::int END,
                    4 + (random() * 6)::int, 4 + (random() * 5)::int, random() < 0.005, now()
                FROM participant p CROSS JOIN generate_series(0, 83) k""").update();
        jdbc.sql("""
                INSERT INTO attendance (participant_id, session_id, session_type, scheduled_at, status, source,
                    received_at)
                SELECT p.id, 'S' || k, 'GROUP_THERAPY', now() - make_interval(days => 2 * k + 1),
                    CASE WHEN random() < 0.15 THEN 'ABSENT' ELSE 'ATTENDED' END, 'bench', now()
                FROM participant p CROSS JOIN generate_series(0, 11) k""").update();
        jdbc.sql("ANALYZE").update();
    }

    private SweepBenchmark() {
    }
}

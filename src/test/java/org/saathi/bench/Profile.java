package org.saathi.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a phase's time went inside the service, from a JFR recording of it: execution samples
 * by library (the innermost frame that is not the JDK's own), the Saathi methods on most samples
 * (inclusive), and the busiest methods themselves. Only samples within the phase count.
 */
final class Profile {

    private static final double LOAD_PERIOD_SECONDS = 10;
    private static final Map<String, String> LIBRARIES = new java.util.LinkedHashMap<>();

    static {
        LIBRARIES.put("org.saathi.", "Saathi");
        LIBRARIES.put("org.drools.", "Drools");
        LIBRARIES.put("org.kie.", "Drools");
        LIBRARIES.put("org.postgresql.", "PostgreSQL driver");
        LIBRARIES.put("com.zaxxer.", "Hikari");
        LIBRARIES.put("tools.jackson.", "Jackson");
        LIBRARIES.put("com.fasterxml.", "Jackson");
        LIBRARIES.put("org.apache.", "Tomcat");
        LIBRARIES.put("org.springframework.security.", "Spring Security");
        LIBRARIES.put("org.springframework.", "Spring");
        LIBRARIES.put("io.micrometer.", "Micrometer");
        LIBRARIES.put("org.hibernate.validator.", "Bean Validation");
        LIBRARIES.put("ch.qos.", "Logging");
        LIBRARIES.put("org.slf4j.", "Logging");
    }

    /**
     * JVM options for the service: a recording with the profiling settings, written when it stops.
     * Stacks are kept 256 frames deep, since a request through Tomcat, Spring Security and Spring MVC
     * is deeper than JFR's default of 64 and the outer frames would be cut off.
     */
    static List<String> recording(Path file) {
        return List.of("-XX:FlightRecorderOptions:stackdepth=256",
                "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true");
    }

    static String summary(Path recording, Instant from, Instant to, int top) throws IOException {
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Double> threads = new HashMap<>();
        int samples = 0;
        int collections = 0;
        Duration paused = Duration.ZERO;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    samples++;
                    sample(event.getStackTrace().getFrames(), byLibrary, inclusive, self);
                }
                case "jdk.GarbageCollection" -> {
                    collections++;
                    paused = paused.plus(event.getDuration("sumOfPauses"));
                }
                case "jdk.ThreadCPULoad" -> threads.merge(event.getThread("eventThread") == null ? "?"
                        : event.getThread("eventThread").getJavaName().replaceAll("\\d+", "#"),
                        event.getFloat("user") + event.getFloat("system") + 0.0, Double::sum);
                default -> {
                }
            }
        }
        if (samples == 0) {
            return "no execution samples in the recording for this phase\n";
        }
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "%d execution samples; %d garbage collections, paused %.0f ms in all "
                        + "(%.1f %% of the time)%nby library (innermost non-JDK frame): %s%n"
                        + "Saathi methods on most samples (inclusive):%n%sbusiest methods (self):%n%s"
                        + "Java threads by processor time, in %% of one core over the phase (by name, digits as #):%n%s",
                samples, collections, paused.toMillis() / 1.0, paused.toMillis() / 10.0 / seconds,
                percentages(byLibrary, samples, 12, ", "), percentages(inclusive, samples, top, "\n"),
                percentages(self, samples, top, "\n"), loads(threads, seconds, 8));
    }

    private static void sample(List<RecordedFrame> frames, Map<String, Integer> byLibrary,
            Map<String, Integer> inclusive, Map<String, Integer> self) {
        if (!frames.isEmpty()) {
            self.merge(name(frames.get(0)), 1, Integer::sum);
        }
        byLibrary.merge(library(frames), 1, Integer::sum);
        // Proxies and lambdas only repeat the method they wrap.
        frames.stream().map(Profile::name)
                .filter(name -> name.startsWith("org.saathi.") && !name.contains("$$") && !name.contains("lambda$"))
                .distinct().forEach(name -> inclusive.merge(name, 1, Integer::sum));
    }

    /**
     * A thread's load is its share of all the machine's cores over the event's period (10 s in the
     * profiling settings): times the cores and the period, its processor seconds.
     */
    private static String loads(Map<String, Double> threads, double seconds, int top) {
        int cores = Runtime.getRuntime().availableProcessors();
        return threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .map(entry -> String.format(Locale.ROOT, "  %5.1f %% %s",
                        entry.getValue() * cores * LOAD_PERIOD_SECONDS / seconds * 100, entry.getKey()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
                if (type.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")
                    && !type.startsWith("com.sun.")) {
                return "other (" + type.substring(0, Math.max(0, type.lastIndexOf('.'))) + ")";
            }
        }
        return "JDK only";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String percentages(Map<String, Integer> counts, int samples, int top, String separator) {
        String lines = counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .map(entry -> String.format(Locale.ROOT, "%s%4.1f %% %s", separator.equals("\n") ? "  " : "",
                        100.0 * entry.getValue() / samples, entry.getKey()))
                .collect(Collectors.joining(separator));
        return separator.equals("\n") ? lines + "\n" : lines;
    }

    /**
     * The statements that took most of the database's time since the last reset, from
     * pg_stat_statements, per stored check-in (the calls of the check-in insert); first their total.
     */
    static String statements(PostgresCluster server, int top) {
        if (!server.preloadsStatements()) {
            return "pg_stat_statements is not loaded by this PostgreSQL (it was running before the benchmark)";
        }
        return server.asPostgres(PostgresCluster.SERVICE_DATABASE, """
                WITH s AS (SELECT * FROM pg_stat_statements
                           WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())),
                     per AS (SELECT greatest(max(calls) FILTER (WHERE query LIKE 'INSERT INTO check_in%%'), 1) AS n,
                                    sum(total_exec_time) AS total FROM s)
                SELECT format('  in all: %%s statements and %%s ms of execution per stored check-in',
                              round(sum(calls)::numeric / max(per.n), 1), round((max(per.total) / max(per.n))::numeric, 3))
                FROM s, per
                UNION ALL
                (SELECT format('  %%5s %%%% of exec time, %%6s calls per stored check-in, mean %%7s ms: %%s',
                               round((100 * total_exec_time / per.total)::numeric, 1), round(calls::numeric / per.n, 2),
                               round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\\s+', ' ', 'g'), 120))
                 FROM s, per ORDER BY total_exec_time DESC LIMIT %d)""".formatted(top));
    }

    static void resetStatements(PostgresCluster server) {
        if (server.preloadsStatements()) {
            server.asPostgres(PostgresCluster.SERVICE_DATABASE, "SELECT pg_stat_statements_reset()");
        }
    }

    private Profile() {
    }
}

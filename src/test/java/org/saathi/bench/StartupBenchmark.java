package org.saathi.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.FileSystemUtils;

/**
 * Start-up to ready with the embedded database, as {@code java -jar} on a new data folder (the
 * database is created and migrated) and again on the data it left: from the process's start to the
 * first readiness probe that answers UP, polled every 50 ms. The service's own log says how long
 * the rule set took (compiled, then every scenario run).
 */
final class StartupBenchmark {

    private static final Pattern RULES = Pattern.compile("Loaded rule set \\S+ from .*, in (\\d+) ms");
    private static final Pattern STARTED = Pattern.compile("Started SaathiApplication in ([0-9.]+) seconds "
            + "\\(process running for ([0-9.]+)\\)");

    static List<Figure> run(Options options, PrintStream out) throws Exception {
        List<Figure> figures = new ArrayList<>();
        Path data = Files.createTempDirectory("saathi-bench-startup-");
        try {
            for (String start : List.of("new data", "existing data")) {
                String name = "service-startup-" + start.replace(' ', '-');
                Path recording = options.output().resolve(name + ".jfr");
                Instant began = Instant.now();
                Duration ready;
                ServiceProcess service = ServiceProcess.start(options, name,
                        Map.of("SAATHI_EMBEDDED_DATABASE_DATA_DIRECTORY", data.resolve("postgres").toString(),
                                "SAATHI_SWEEP_ENABLED", "false"),
                        options.profile() ? Profile.recording(recording) : List.of());
                try (service) {
                    ready = service.awaitReady(Duration.ofMinutes(3));
                }
                String log = Files.readString(service.log());
                out.printf(Locale.ROOT, "start-up on %s: ready after %.1f s; %s%n", start, ready.toMillis() / 1000.0,
                        breakdown(log));
                figures.add(Figure.target("start-up to ready, embedded database, " + start,
                        String.format(Locale.ROOT, "%.1f s", ready.toMillis() / 1000.0), "≤ 15 s",
                        ready.compareTo(Duration.ofSeconds(15)) <= 0));
                if (options.profile()) {
                    out.printf("profile of the start on %s:%n%s", start,
                            Profile.summary(recording, began, Instant.now(), 15));
                }
            }
        } finally {
            FileSystemUtils.deleteRecursively(data);
        }
        return figures;
    }

    private static String breakdown(String log) {
        Matcher rules = RULES.matcher(log);
        Matcher started = STARTED.matcher(log);
        return String.format(Locale.ROOT, "the log says: rule set loaded in %s ms, application started in %s s "
                        + "(JVM running for %s s)", rules.find() ? rules.group(1) : "?",
                started.find() ? started.group(1) : "?", started.find(0) ? started.group(2) : "?");
    }

    private StartupBenchmark() {
    }
}

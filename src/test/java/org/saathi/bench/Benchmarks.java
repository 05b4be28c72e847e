package org.saathi.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The whole suite, in order: ingest (against PostgreSQL 15, next to pgbench), alert delivery, the
 * sweep, and start-up; then a table of every figure against its target. A benchmark
 * that fails is reported in the table and the others still run. Run it through the Maven profile,
 * which builds the jar first and puts the test class path on the command line:
 *
 * <pre>mvn -q -B -o -Pbenchmarks verify</pre>
 */
public final class Benchmarks {

    interface Benchmark {
        List<Figure> run(Options options, PrintStream out) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.fromSystemProperties();
        PrintStream out = System.out;
        if (!System.getProperty("java.class.path").contains("test-classes")) {
            throw new IllegalStateException("run with the test class path on the command line: mvn -Pbenchmarks verify");
        }
        Files.createDirectories(options.output());
        out.println("Saathi benchmarks, " + Instant.now());
        out.println(machine());
        out.println("logs and recordings: " + options.output());
        List<Figure> figures = new ArrayList<>();
        run("ingest", IngestBenchmark::run, options, out, figures);
        run("delivery", ChildBenchmark::delivery, options, out, figures);
        run("sweep", ChildBenchmark::sweep, options, out, figures);
        run("startup", StartupBenchmark::run, options, out, figures);
        out.printf(Locale.ROOT, "%nload average at the end: %.2f%n", loadAverage());
        out.println(table(figures));
    }

    private static void run(String name, Benchmark benchmark, Options options, PrintStream out, List<Figure> figures) {
        if (!options.runs(name)) {
            return;
        }
        out.printf("%n== %s ==%n", name);
        long started = System.nanoTime();
        try {
            figures.addAll(benchmark.run(options, out));
        } catch (Exception failure) {
            failure.printStackTrace(out);
            figures.add(Figure.failed(name, String.valueOf(failure.getMessage()).lines().findFirst().orElse("")));
        }
        out.printf(Locale.ROOT, "(%s took %.0f s)%n", name, (System.nanoTime() - started) / 1e9);
    }

    static String table(List<Figure> figures) {
        int name = Math.max(6, figures.stream().mapToInt(f -> f.name().length()).max().orElse(0));
        int measured = Math.max(8, figures.stream().mapToInt(f -> f.measured().length()).max().orElse(0));
        int against = Math.max(6, figures.stream().mapToInt(f -> f.against().length()).max().orElse(0));
        String row = "| %-" + name + "s | %-" + measured + "s | %-" + against + "s | %-6s |%n";
        StringBuilder table = new StringBuilder(String.format(row, "figure", "measured", "target", "result"));
        table.append(String.format(row, "-".repeat(name), "-".repeat(measured), "-".repeat(against), "-".repeat(6)));
        figures.forEach(f -> table.append(String.format(row, f.name(), f.measured(), f.against(), f.verdict())));
        return table.toString();
    }

    /** The machine, as BENCHMARKS.md records it, and how busy it was at the start. */
    static String machine() throws IOException {
        String cpu = lines("/proc/cpuinfo").filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        long memoryKiB = lines("/proc/meminfo").filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0L);
        return String.format(Locale.ROOT, "machine: %d cores (%s), %.1f GiB memory; Java %s (%s); %s %s; "
                        + "load average at the start %.2f", Runtime.getRuntime().availableProcessors(), cpu,
                memoryKiB / 1024.0 / 1024.0, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.version"), loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Stream<String> lines(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).stream();
    }

    private Benchmarks() {
    }
}

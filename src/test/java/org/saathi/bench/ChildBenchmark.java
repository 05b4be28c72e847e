package org.saathi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.saathi.ingest.SweepBenchmark;
import org.saathi.notify.DeliveryLatencyBenchmark;

/**
 * The benchmarks that run the service inside their own JVM (alert delivery, and the sweep, which
 * must fit in 512 MiB of heap), each started as a child JVM on the test class path; their output
 * is shown as it comes and their figures are read from it.
 */
final class ChildBenchmark {

    /** Its own lines, not the service's log lines (which begin with a timestamp) nor the banner. */
    private static final Pattern FIGURES = Pattern.compile("^(?!\\d{4}-\\d\\d-\\d\\dT)[A-Za-z0-9]");
    private static final Pattern DELIVERY = Pattern.compile(
            "SMTP accepted: p50 (\\d+) ms, p95 (\\d+) ms, p99 (\\d+) ms, max (\\d+) ms");
    private static final Pattern DELIVERED = Pattern.compile("all delivered: (\\w+)");
    private static final Pattern SWEEP = Pattern.compile("^(.*?): swept ([\\d,]+) participants in ([\\d.]+) s: "
            + "([\\d,]+) participants per second.*peak heap (\\d+) MiB", Pattern.MULTILINE);

    static List<Figure> delivery(Options options, PrintStream out) throws Exception {
        String output = run(List.of(), DeliveryLatencyBenchmark.class.getName(), String.valueOf(options.alerts()),
                options, out).output();
        Matcher latency = DELIVERY.matcher(output);
        Matcher delivered = DELIVERED.matcher(output);
        if (!latency.find()) {
            return List.of(Figure.failed("alert committed → SMTP accepted", "no figures in its output"));
        }
        boolean all = delivered.find() && delivered.group(1).equals("true");
        int p99 = Integer.parseInt(latency.group(3));
        return List.of(Figure.target("alert committed → SMTP accepted (%,d alerts)".formatted(options.alerts()),
                "p50 %s ms, p99 %d ms%s".formatted(latency.group(1), p99, all ? "" : ", NOT ALL DELIVERED"),
                "p99 ≤ 2,000 ms", all && p99 <= 2000));
    }

    /** When profiling, the sweep's JVM is recorded, and the profile covers its rounds (after the data is made). */
    static List<Figure> sweep(Options options, PrintStream out) throws Exception {
        Path recording = options.output().resolve("sweep.jfr");
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m"));
        if (options.profile()) {
            jvmOptions.addAll(Profile.recording(recording));
        }
        Run run = run(jvmOptions, SweepBenchmark.class.getName(), String.valueOf(options.sweepParticipants()),
                options, out);
        if (options.profile() && run.roundsFrom() != null) {
            out.printf("profile of the sweep rounds:%n%s", Profile.summary(recording, run.roundsFrom(), run.ended(), 20));
        }
        String output = run.output();
        List<Figure> figures = new ArrayList<>();
        Matcher round = SWEEP.matcher(output);
        while (round.find()) {
            double perSecond = Double.parseDouble(round.group(4).replace(",", ""));
            int heap = Integer.parseInt(round.group(5));
            figures.add(Figure.target("sweep of %s participants, %s".formatted(round.group(2), round.group(1)),
                    String.format(Locale.ROOT, "%,.0f participants/s, peak heap %d MiB", perSecond, heap),
                    "≥ 5,000/s, heap ≤ 512 MiB", perSecond >= 5000 && heap <= 512));
        }
        return figures.isEmpty() ? List.of(Figure.failed("sweep", "no figures in its output")) : figures;
    }

    /** What a child printed; when it said it had made its data, and when it ended. */
    private record Run(String output, Instant roundsFrom, Instant ended) {
    }

    private static Run run(List<String> jvmOptions, String mainClass, String argument, Options options,
            PrintStream out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StandaloneRun.class.getName(), mainClass,
                argument));
        out.println("$ java " + String.join("", jvmOptions.stream().map(option -> option + " ").toList())
                + "-cp <test class path> " + mainClass + " " + argument);
        Process process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Instant generated = null;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (generated == null && line.startsWith("generated ")) {
                    generated = Instant.now();
                }
                if (FIGURES.matcher(line).find()) {
                    out.println("  | " + line);
                }
            }
        }
        Path log = options.output().resolve(mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".log");
        Files.writeString(log, output);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(mainClass + " ended with exit code " + exit + "; see " + log);
        }
        return new Run(output.toString(), generated, Instant.now());
    }

    private ChildBenchmark() {
    }
}

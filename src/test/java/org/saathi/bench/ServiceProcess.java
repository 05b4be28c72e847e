package org.saathi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as an operator runs it, {@code java -jar}, in a process of its own with a clean
 * environment (nothing inherited that starts with SAATHI_ or SPRING_), its output in a log file.
 */
final class ServiceProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "benchmark-admin-password";
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final long startedNanos;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, long startedNanos, int port, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar; {@code environment} adds to the admin password, port and rules folder. */
    static ServiceProcess start(Options options, String name, Map<String, String> environment,
            List<String> jvmOptions) {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException(options.jar() + " is missing: build it first with "
                    + "mvn -q -B -o package -DskipTests (the benchmarks profile does)");
        }
        int port = freePort();
        Path log = options.output().resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", options.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(options.output().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SAATHI_") || key.startsWith("SPRING_")
                || key.startsWith("MANAGEMENT_") || key.startsWith("SERVER_"));
        builder.environment().putAll(Map.of("SAATHI_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "SERVER_PORT", String.valueOf(port), "SAATHI_RULES_DIRECTORY", options.rules().toString()));
        builder.environment().putAll(environment);
        try {
            long started = System.nanoTime();
            return new ServiceProcess(builder.start(), started, port, log);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Polls readiness every 50 ms: answers the time from the process's start to the first UP. */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped with exit code " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            try {
                HttpResponse<String> answer = PROBE.send(readiness, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notListeningYet) {
                // Tomcat listens only late in the start-up; until then connections are refused.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Stops it as an operator would (SIGTERM, graceful shutdown), forcibly only if that takes over a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}

package org.saathi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs a command of this machine to its end and answers its output; a failure says what it printed. */
final class Commands {

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException failure) {
            throw new IllegalStateException("could not run " + command.get(0) + ": " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), interrupted);
        }
    }

    static String succeed(List<String> command, Map<String, String> environment) {
        Result result = run(command, environment);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                    + result.exitCode() + ":\n" + result.output().strip());
        }
        return result.output();
    }

    static String succeed(String... command) {
        return succeed(List.of(command), Map.of());
    }

    private Commands() {
    }
}

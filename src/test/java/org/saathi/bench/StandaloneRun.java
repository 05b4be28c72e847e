package org.saathi.bench;

import java.util.Arrays;

/**
 * Runs another benchmark's {@code main} in a JVM of its own, then ends that JVM. Those benchmarks
 * are written for {@code exec:java}, which ignores the threads that libraries leave running (the
 * test SMTP server's, the scheduler's); on their own they would keep the JVM alive after the figures.
 */
public final class StandaloneRun {

    public static void main(String[] args) throws Throwable {
        int exitCode = 0;
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (java.lang.reflect.InvocationTargetException failure) {
            failure.getCause().printStackTrace();
            exitCode = 1;
        } finally {
            System.out.flush();
        }
        System.exit(exitCode);
    }

    private StandaloneRun() {
    }
}

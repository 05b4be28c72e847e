package org.saathi.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a run measures and for how long, from system properties (the Maven profile passes its
 * {@code bench.*} properties on). Defaults are those of the figures in BENCHMARKS.md.
 *
 * @param only which benchmarks to run: ingest, delivery, sweep, startup
 * @param measure how long each timed load phase lasts, after its warm-up
 * @param warmUp load before each measurement that is not counted
 * @param clients concurrent clients of the single-POST load and of pgbench
 * @param participants participants created for the ingest benchmark
 * @param historyDays days of history (three check-ins a day) posted in batches before the single POSTs
 * @param sweepParticipants participants of the sweep benchmark
 * @param alerts alerts of the delivery benchmark
 * @param profile record the service with JFR and PostgreSQL with pg_stat_statements, and summarise both
 * @param jar the service's executable jar
 * @param rules the rule set folder the service reads
 * @param output where logs, recordings and pgbench's script go
 */
record Options(List<String> only, Duration measure, Duration warmUp, int clients, int participants, int historyDays,
        int sweepParticipants, int alerts, boolean profile, Path jar, Path rules, Path output) {

    Options {
        if (clients < 1 || participants < clients || historyDays < 0 || measure.isNegative() || measure.isZero()) {
            throw new IllegalArgumentException("bench.clients must be 1 or more and no more than bench.participants, "
                    + "bench.history-days 0 or more, bench.seconds more than 0");
        }
    }

    static Options fromSystemProperties() {
        return new Options(
                Arrays.stream(property("bench.only", "ingest,delivery,sweep,startup").split(","))
                        .map(String::strip).filter(name -> !name.isEmpty()).toList(),
                Duration.ofSeconds(Long.parseLong(property("bench.seconds", "30"))),
                Duration.ofSeconds(Long.parseLong(property("bench.warmup", "20"))),
                Integer.parseInt(property("bench.clients", "8")),
                Integer.parseInt(property("bench.participants", "2000")),
                Integer.parseInt(property("bench.history-days", "28")),
                Integer.parseInt(property("bench.sweep-participants", "100000")),
                Integer.parseInt(property("bench.alerts", "1000")),
                Boolean.parseBoolean(property("bench.profile", "false")),
                Path.of(property("saathi.bench.jar", "target/saathi-0.1.0-SNAPSHOT.jar")).toAbsolutePath(),
                Path.of(property("saathi.bench.rules", "rules")).toAbsolutePath(),
                Path.of(property("saathi.bench.output", "target/bench")).toAbsolutePath());
    }

    boolean runs(String benchmark) {
        return only.contains(benchmark);
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name, "").strip();
        return value.isEmpty() ? fallback : value;
    }
}

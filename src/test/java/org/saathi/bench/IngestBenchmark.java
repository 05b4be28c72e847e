package org.saathi.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Check-in ingest against the service running as its own process on the machine's PostgreSQL 15,
 * next to pgbench's single-row insert rate on the same server in the same run. In order: pgbench;
 * the service's start and its programme; each participant's history posted in batches (the batch
 * figure of an import); single POSTs from as many clients as pgbench had (the peak); single POSTs
 * on a fixed schedule at half that peak (the latency); batches of live check-ins.
 */
final class IngestBenchmark {

    private static final int BATCH_CLIENTS = 2;

    private final Options options;
    private final PrintStream out;
    private final PostgresCluster server;
    private final List<Figure> figures = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private ServiceProcess service;
    private CheckInLoad load;

    private IngestBenchmark(Options options, PrintStream out, PostgresCluster server) {
        this.options = options;
        this.out = out;
        this.server = server;
    }

    static List<Figure> run(Options options, PrintStream out) throws Exception {
        Path recording = options.output().resolve("service-ingest.jfr");
        IngestBenchmark benchmark;
        try (PostgresCluster server = PostgresCluster.start(options.profile())) {
            out.printf("PostgreSQL %s on port %d (%s)%n", server.version(), server.port(),
                    server.startedHere() ? "started for this run, stopped after it" : "already running, left running");
            benchmark = new IngestBenchmark(options, out, server);
            double baseline = benchmark.baseline();
            try (ServiceProcess service = ServiceProcess.start(options, "service-ingest", Map.of(
                    "SPRING_DATASOURCE_URL", server.jdbcUrl(), "SPRING_DATASOURCE_USERNAME", PostgresCluster.USER,
                    "SPRING_DATASOURCE_PASSWORD", server.password(), "SAATHI_SWEEP_ENABLED", "false"),
                    options.profile() ? Profile.recording(recording) : List.of())) {
                benchmark.enrol(service);
                Tally history = benchmark.history();
                Tally peak = benchmark.peak(baseline);
                benchmark.halfLoad(peak.itemsPerSecond() / 2);
                Tally live = benchmark.liveBatches();
                if (history != null) {
                    benchmark.batchFigure("batch: history import (%d participants × %d per request)".formatted(
                            Math.max(1, CheckInLoad.BATCH_LIMIT / (options.historyDays() * 3)),
                            options.historyDays() * 3), history, peak);
                }
                benchmark.batchFigure("batch: live (%,d participants × 1 per request)".formatted(
                        Math.min(CheckInLoad.BATCH_LIMIT, options.participants())), live, peak);
            }
        }
        if (options.profile()) {
            for (Phase phase : benchmark.phases) {
                out.printf("profile of the service, %s:%n%s", phase.name(),
                        Profile.summary(recording, phase.measuredFrom(), phase.measuredTo(), 15));
            }
        }
        return benchmark.figures;
    }

    private double baseline() throws Exception {
        InsertBaseline.Rate baseline = InsertBaseline.measure(server, options);
        out.printf(Locale.ROOT, "pgbench: %,.0f single-row insert transactions per second from %d clients "
                        + "(average latency %.1f ms)%n", baseline.transactionsPerSecond(), options.clients(),
                baseline.averageLatencyMs());
        figures.add(Figure.info("pgbench single-row inserts (%d clients)".formatted(options.clients()),
                rate(baseline.transactionsPerSecond()), "the baseline"));
        return baseline.transactionsPerSecond();
    }

    private void enrol(ServiceProcess started) throws Exception {
        service = started;
        Duration ready = service.awaitReady(Duration.ofMinutes(3));
        Enrolment enrolment = Enrolment.create(service.port(), options.participants(), options.clients());
        out.printf(Locale.ROOT, "service ready in %.1f s on PostgreSQL 15; %,d participants enrolled (log: %s)%n",
                ready.toMillis() / 1000.0, options.participants(), service.log());
        load = new CheckInLoad(service.baseUrl(), enrolment.key(), new CheckIns(enrolment.participants()));
    }

    /** Each participant's history, posted in batches; none when bench.history-days is 0. */
    private Tally history() throws Exception {
        if (options.historyDays() == 0) {
            return null;
        }
        out.printf("history import: %d days of check-ins for each participant, in batches from %d clients%n",
                options.historyDays(), BATCH_CLIENTS);
        Phase phase = begin("history import in batches", Duration.ZERO);
        Tally history = load.backfill(options.historyDays(), BATCH_CLIENTS).requireMostlyAnswered("history");
        end(phase);
        out.printf(Locale.ROOT, "  %,d check-ins in %,d batches in %.1f s: %s; batch latency %s%n", history.items(),
                history.requests(), history.seconds(), rate(history.itemsPerSecond()), history.latencies().summary());
        return history;
    }

    private Tally peak(double baseline) throws Exception {
        out.printf("peak: %d clients posting single check-ins, %d s warm-up, %d s measured%n", options.clients(),
                options.warmUp().toSeconds(), options.measure().toSeconds());
        Phase phase = begin("single POSTs, closed loop", options.warmUp());
        Tally peak = load.closedLoop(options.clients(), options.warmUp(), options.measure())
                .requireMostlyAnswered("peak");
        end(phase);
        out.printf(Locale.ROOT, "  %s; latency %s; %d failed%n", rate(peak.itemsPerSecond()),
                peak.latencies().summary(), peak.failures());
        double ratio = peak.itemsPerSecond() / baseline;
        figures.add(Figure.target("single POST check-ins (closed loop, %d clients)".formatted(options.clients()),
                rate(peak.itemsPerSecond()) + " = " + times(ratio) + " pgbench",
                "≥ 0.50× pgbench (" + rate(baseline / 2) + ")", ratio >= 0.5));
        return peak;
    }

    private void halfLoad(double perSecond) throws Exception {
        out.printf(Locale.ROOT, "half load: single check-ins on a fixed schedule of %.0f per second%n", perSecond);
        Phase phase = begin("single POSTs, open loop at half the peak", options.warmUp());
        Tally steady = load.openLoop(perSecond, options.warmUp(), options.measure()).requireMostlyAnswered("half");
        end(phase);
        out.printf(Locale.ROOT, "  %s sent on schedule; latency from the scheduled time %s; %d failed%n",
                rate(steady.itemsPerSecond()), steady.latencies().summary(), steady.failures());
        double p99 = steady.latencies().percentileMs(99);
        figures.add(Figure.target("latency at half the peak (open loop, %s)".formatted(rate(perSecond)),
                String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", steady.latencies().percentileMs(50), p99),
                "p99 ≤ 50 ms", p99 <= 50));
    }

    private Tally liveBatches() throws Exception {
        out.printf("live batches: %d clients posting batches of one check-in for each of %,d participants%n",
                BATCH_CLIENTS, Math.min(CheckInLoad.BATCH_LIMIT, options.participants()));
        Phase phase = begin("live batches", options.warmUp());
        Tally live = load.liveBatches(BATCH_CLIENTS, options.warmUp(), options.measure())
                .requireMostlyAnswered("live batches");
        end(phase);
        out.printf(Locale.ROOT, "  %s in %,d batches; batch latency %s%n", rate(live.itemsPerSecond()),
                live.requests(), live.latencies().summary());
        return live;
    }

    private Phase begin(String name, Duration warmUp) {
        return Phase.begin(name, warmUp, service, server, options.profile());
    }

    private void end(Phase phase) {
        phases.add(phase.end(out, server, options.profile()));
    }

    private void batchFigure(String name, Tally batch, Tally single) {
        double multiple = batch.itemsPerSecond() / single.itemsPerSecond();
        figures.add(Figure.target(name, rate(batch.itemsPerSecond()) + " = " + times(multiple) + " single POST",
                "≥ 10× single POST (" + rate(single.itemsPerSecond() * 10) + ")", multiple >= 10));
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}

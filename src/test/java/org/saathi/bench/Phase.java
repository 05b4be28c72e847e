package org.saathi.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * One load phase against the running service: when its measurement began and ended (for the
 * profile), and where the machine's processor time went meanwhile.
 */
final class Phase {

    private final String name;
    private final Instant measuredFrom;
    private final CpuShares cpu;
    private Instant measuredTo;

    private Phase(String name, Instant measuredFrom, CpuShares cpu) {
        this.name = name;
        this.measuredFrom = measuredFrom;
        this.cpu = cpu;
    }

    /** Begins now; its measurement begins after {@code warmUp}. Resets the statement statistics when profiling. */
    static Phase begin(String name, Duration warmUp, ServiceProcess service, PostgresCluster server,
            boolean profile) {
        if (profile) {
            Profile.resetStatements(server);
        }
        return new Phase(name, Instant.now().plus(warmUp), CpuShares.from(service.pid(), server.postmasterPid()));
    }

    /** Ends it: prints the processor shares and, when profiling, the statements that took the database's time. */
    Phase end(PrintStream out, PostgresCluster server, boolean profile) {
        measuredTo = Instant.now();
        out.println("  processor time: " + cpu.since());
        if (profile) {
            out.println("  statements by database time:");
            out.println(Profile.statements(server, 10).stripTrailing());
        }
        return this;
    }

    String name() {
        return name;
    }

    Instant measuredFrom() {
        return measuredFrom;
    }

    Instant measuredTo() {
        return measuredTo;
    }
}

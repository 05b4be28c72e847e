package org.saathi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the machine's processor time went during a phase, from /proc: the service, the PostgreSQL
 * server's processes, this load generator, and everything else on the machine (other builds).
 * In percent of one core; the machine has {@code nproc} × 100 %.
 */
final class CpuShares {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long servicePid;
    private final long postmasterPid;
    private final long[] before;
    private final long startedNanos;

    private CpuShares(long servicePid, long postmasterPid) {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
        this.before = sample();
        this.startedNanos = System.nanoTime();
    }

    /** Starts counting now; {@code postmasterPid} is that of the server the service uses. */
    static CpuShares from(long servicePid, long postmasterPid) {
        return new CpuShares(servicePid, postmasterPid);
    }

    /** Since the start: "service 95 %, PostgreSQL 60 %, load generator 20 %, others 20 % (of 200 %)". */
    String since() {
        long[] after = sample();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double[] percent = new double[after.length];
        for (int i = 0; i < after.length; i++) {
            percent[i] = (after[i] - before[i]) / TICKS_PER_SECOND / seconds * 100;
        }
        double others = Math.max(0, percent[3] - percent[0] - percent[1] - percent[2]);
        return String.format(Locale.ROOT, "service %.0f %%, PostgreSQL %.0f %%, load generator %.0f %%, "
                + "other processes %.0f %%, idle %.0f %% (of %d %%)", percent[0], percent[1], percent[2], others,
                Math.max(0, Runtime.getRuntime().availableProcessors() * 100 - percent[3]),
                Runtime.getRuntime().availableProcessors() * 100);
    }

    /** Ticks of: the service, PostgreSQL (postmaster and its children), this process, the whole machine (busy). */
    private long[] sample() {
        Set<Long> postgres = children(postmasterPid);
        postgres.add(postmasterPid);
        return new long[] {ticks(servicePid), postgres.stream().mapToLong(CpuShares::ticks).sum(),
                ticks(ProcessHandle.current().pid()), machineBusyTicks()};
    }

    private static Set<Long> children(long parent) {
        return ProcessHandle.of(parent).map(p -> p.children().map(ProcessHandle::pid).collect(Collectors.toSet()))
                .orElseGet(java.util.HashSet::new);
    }

    /** utime + stime of a process (all its threads), in clock ticks; 0 once it has gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long machineBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            List<Long> cpu = Stream.of(lines.findFirst().orElseThrow().split("\\s+")).skip(1)
                    .map(Long::parseLong).toList();
            long all = cpu.stream().limit(8).mapToLong(Long::longValue).sum();
            return all - cpu.get(3) - cpu.get(4);
        } catch (IOException failure) {
            return 0;
        }
    }
}

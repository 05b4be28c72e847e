package org.saathi.backtest;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.saathi.api.ApiProblem;

/**
 * The backtests this server keeps: the one running, and finished ones for a while and only a few of
 * each person's, since each may hold many alerts. It also holds the server's one place for a
 * backtest, taken before the backtest is a job, while its candidates compile.
 */
final class KeptJobs {

    private final Map<UUID, Job> jobs = new LinkedHashMap<>();
    private final BacktestSettings settings;
    private final Clock clock;
    /** A backtest is being set up (its candidates compiled): the place is taken before it is a job. */
    private boolean starting;

    KeptJobs(BacktestSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes the server's one place for a backtest, or refuses while a backtest is starting or running. */
    synchronized void reserve() {
        forgetOld();
        Optional<Job> running = jobs.values().stream().filter(KeptJobs::running).findFirst();
        if (starting || running.isPresent()) {
            throw ApiProblem.busy("backtest-busy", "A backtest is running", "This server runs one backtest "
                    + "at a time, and " + running.map(job -> "one started at " + job.startedAt() + " is still "
                    + "running").orElse("another is being started") + "; try again when it is done.");
        }
        starting = true;
    }

    /** Gives the place back, whether the backtest it was taken for became a job or not. */
    synchronized void release() {
        starting = false;
    }

    synchronized void add(Job job) {
        jobs.put(job.id(), job);
        starting = false;
    }

    synchronized Optional<Job> find(UUID id) {
        forgetOld();
        return Optional.ofNullable(jobs.get(id));
    }

    /** The jobs kept that match, newest first. */
    synchronized List<Job> matching(Predicate<Job> wanted) {
        forgetOld();
        return jobs.values().stream().filter(wanted).sorted(Comparator.comparing(Job::startedAt).reversed())
                .toList();
    }

    synchronized void cancelAll() {
        jobs.values().forEach(Job::cancel);
    }

    static boolean running(Job job) {
        return job.state() == Job.State.RUNNING;
    }

    private void forgetOld() {
        Instant now = clock.instant();
        jobs.values().removeIf(job -> job.finishedAt().filter(at -> at.plus(settings.keep()).isBefore(now))
                .isPresent());
        Map<String, List<Job>> finishedByOwner = jobs.values().stream().filter(job -> job.finishedAt().isPresent())
                .sorted(Comparator.comparing(job -> job.finishedAt().get()))
                .collect(Collectors.groupingBy(Job::owner));
        finishedByOwner.values().forEach(finished -> {
            for (int i = 0; i < finished.size() - settings.kept(); i++) {
                jobs.remove(finished.get(i).id());
            }
        });
    }
}

package org.saathi.backtest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.roster.Caseload;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Roster;
import org.saathi.rules.RuleSetInvalid;
import org.saathi.rules.RuleSetProblem;
import org.saathi.rules.RuleSetReplay;
import org.saathi.rules.RuleSets;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts backtests over the caller's caseload and keeps them while they run and for a while after.
 * One runs at a time per server, on its own thread, so that a rule author's experiment never takes
 * the machine from live evaluation; participants are read in batches, never all at once.
 */
@Service
public class Backtests {

    private static final Logger log = LoggerFactory.getLogger(Backtests.class);

    private final RuleSets ruleSets;
    private final Roster roster;
    private final Histories histories;
    private final BacktestSettings settings;
    private final Audit audit;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "backtest");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, Job> jobs = new LinkedHashMap<>();
    /** A backtest is being set up (its candidates compiled): the place is taken before it is a job. */
    private boolean starting;

    Backtests(RuleSets ruleSets, Roster roster, Histories histories, BacktestSettings settings, Audit audit,
            Clock clock) {
        this.ruleSets = ruleSets;
        this.roster = roster;
        this.histories = histories;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Checks the request and starts the backtest. Throws {@link ApiProblem} for a request to fix or
     * while another backtest runs, and {@link CandidateInvalid} for a candidate that does not compile.
     */
    public Job start(Caller caller, BacktestRequest request) {
        List<FieldProblem> problems = request.problems(clock.instant());
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        Caseload caseload = roster.caseload(caller);
        Optional<List<String>> named = Optional.ofNullable(request.participantIds()).map(this::distinct);
        ReplayOptions options = request.options();
        int total = named.map(List::size).orElseGet(() -> roster.countActiveIn(caseload));
        new Estimate(total, options.steps()).refuseAbove(settings.maxEvaluations());
        reserve(); // before compiling candidates and running their scenarios, which takes seconds: one at a time
        try {
            RuleSetReplay base = ruleSet("rules", request.rules());
            Optional<RuleSetReplay> other = Optional.ofNullable(request.compareWith())
                    .map(name -> ruleSet("compareWith", name));
            named.ifPresent(ids -> requireInCaseload(ids, caseload));
            RunTally baseTally = tally(request.rules(), base, options);
            Optional<RunTally> otherTally = other.map(set -> tally(request.compareWith(), set, options));
            Backtest backtest = new Backtest(options, baseTally, otherTally, settings.threads());
            Job job = new Job(caller.id(), caseload.programmes(), request, clock.instant(), total, backtest);
            synchronized (jobs) {
                jobs.put(job.id(), job);
                starting = false;
            }
            audit.record(caller, Audit.Action.BACKTEST_RUN, null, describe(request, base, other, total));
            runner.execute(() -> run(caller, job, caseload, named, options, windowOf(base, other)));
            return job;
        } finally {
            synchronized (jobs) {
                starting = false;
            }
        }
    }

    /** Takes the server's one place for a backtest, or refuses while a backtest is starting or running. */
    private void reserve() {
        synchronized (jobs) {
            forgetOld();
            Optional<Job> running = jobs.values().stream().filter(job -> job.state() == Job.State.RUNNING)
                    .findFirst();
            if (starting || running.isPresent()) {
                throw ApiProblem.busy("backtest-busy", "A backtest is running", "This server runs one backtest "
                        + "at a time, and " + running.map(job -> "one started at " + job.startedAt() + " is still "
                        + "running").orElse("another is being started") + "; try again when it is done.");
            }
            starting = true;
        }
    }

    /** A backtest the caller started, while it is kept. */
    public Optional<Job> find(Caller caller, UUID id) {
        synchronized (jobs) {
            forgetOld();
            return Optional.ofNullable(jobs.get(id)).filter(job -> job.owner().equals(caller.id()));
        }
    }

    /** The caller's backtests that are kept, newest first. */
    public List<Job> of(Caller caller) {
        synchronized (jobs) {
            forgetOld();
            return jobs.values().stream().filter(job -> job.owner().equals(caller.id()))
                    .sorted(Comparator.comparing(Job::startedAt).reversed()).toList();
        }
    }

    /**
     * Cancels a backtest: the caller's own, or a running one of their programme's for a supervisor, or any
     * running one for an admin (one backtest holds the whole server). Answers it, or empty when there is
     * none they may cancel.
     */
    public Optional<Job> cancel(Caller caller, UUID id) {
        Optional<Job> job = kept(id).filter(found -> found.owner().equals(caller.id())
                || found.state() == Job.State.RUNNING && mayCancel(caller, found));
        job.ifPresent(found -> cancel(caller, found, "backtest " + found.id() + " of " + found.owner()));
        return job;
    }

    /** Backtests running now that the caller did not start but may cancel. */
    public List<Job> othersCancellable(Caller caller) {
        List<Job> running;
        synchronized (jobs) {
            forgetOld();
            running = jobs.values().stream().filter(job -> job.state() == Job.State.RUNNING)
                    .filter(job -> !job.owner().equals(caller.id())).toList();
        }
        return running.stream().filter(job -> mayCancel(caller, job)).toList();
    }

    /** Nobody will read the answer: the request that waited for it has ended, for the reason given. */
    void abandoned(Caller caller, Job job, String why) {
        cancel(caller, job, "backtest " + job.id() + ": " + why);
    }

    private void cancel(Caller caller, Job job, String target) {
        if (job.state() == Job.State.RUNNING) {
            job.cancel();
            audit.record(caller, Audit.Action.BACKTEST_CANCELLED, null, target);
            log.info("Backtest {} cancelled by {}", job.id(), caller.id());
        }
    }

    private boolean mayCancel(Caller caller, Job job) {
        return caller.hasRole(StaffRole.ADMIN) || caller.hasRole(StaffRole.SUPERVISOR)
                && !Collections.disjoint(roster.caseload(caller).programmes(), job.programmes());
    }

    private Optional<Job> kept(UUID id) {
        synchronized (jobs) {
            forgetOld();
            return Optional.ofNullable(jobs.get(id));
        }
    }

    private RunTally tally(String name, RuleSetReplay set, ReplayOptions options) {
        List<RuleSetProblem> warnings = name == null ? List.of() : set.scenarioFailures().stream()
                .map(problem -> new RuleSetProblem(name + "/" + problem.file(), problem.line(), problem.message()))
                .toList();
        return new RunTally(name == null ? "active" : name, set, options, warnings);
    }

    private RuleSetReplay ruleSet(String field, String name) {
        if (name == null) {
            return ruleSets.active();
        }
        try {
            return ruleSets.candidate(name).orElseThrow(() -> ApiProblem.unprocessable("unknown-rule-set",
                    "No such candidate rule set", "There is no candidate rule set of that name on the server.",
                    List.of(new FieldProblem(field, "no folder of that name in the candidates directory; "
                            + "candidates there: " + ruleSets.candidates()))));
        } catch (RuleSetInvalid invalid) {
            throw new CandidateInvalid(field, invalid.problems());
        }
    }

    private List<String> distinct(List<String> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** Someone outside the caseload is answered as if they did not exist, as everywhere else. */
    private void requireInCaseload(List<String> ids, Caseload caseload) {
        Map<String, ParticipantContext> found = roster.contexts(ids);
        List<FieldProblem> unknown = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ParticipantContext participant = found.get(ids.get(i));
            if (participant == null || !caseload.includes(participant.id(), participant.programmeId())) {
                unknown.add(new FieldProblem("participantIds[" + i + "]", "there is no participant " + ids.get(i)
                        + " in your caseload"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiProblem.unprocessable("unknown-participant", "Unknown participant",
                    unknown.size() + " of the participants named are not in your caseload.", unknown);
        }
    }

    private static Duration windowOf(RuleSetReplay base, Optional<RuleSetReplay> other) {
        return other.map(RuleSetReplay::window).filter(window -> window.compareTo(base.window()) > 0)
                .orElse(base.window());
    }

    private static String describe(BacktestRequest request, RuleSetReplay base, Optional<RuleSetReplay> other,
            int participants) {
        return "rules " + base.version() + other.map(set -> " compared with " + set.version()).orElse("") + ", "
                + participants + " participants, " + request.from() + " to " + request.to();
    }

    /**
     * Runs the backtest; whom it replayed goes into the audit log as it ends, however it ends, and
     * before its answer can be read: every participant whose history was read for it.
     */
    private void run(Caller caller, Job job, Caseload caseload, Optional<List<String>> named, ReplayOptions options,
            Duration window) {
        Backtest backtest = job.backtest();
        List<String> replayed = new ArrayList<>();
        try {
            histories.forEachBatch(caseload, named, options, window, settings.batch(), batch -> {
                batch.forEach(history -> replayed.add(history.participant().id()));
                backtest.replay(batch);
            });
            Result result = backtest.finish();
            audit.recordParticipants(caller, Audit.Action.BACKTEST_REPLAYED, replayed);
            job.completion().complete(result);
            log.info("Backtest {} replayed {} participants", job.id(), backtest.done());
        } catch (CancellationException cancelled) {
            backtest.abandon();
            audit.recordParticipants(caller, Audit.Action.BACKTEST_REPLAYED, replayed);
            job.completion().completeExceptionally(cancelled);
            log.info("Backtest {} cancelled after {} of {} participants", job.id(), backtest.done(), job.total());
        } catch (RuntimeException failed) {
            backtest.abandon();
            audit.recordParticipants(caller, Audit.Action.BACKTEST_REPLAYED, replayed);
            job.completion().completeExceptionally(failed);
            log.error("Backtest {} failed after {} participants", job.id(), backtest.done(), failed);
        } finally {
            job.finished(clock.instant());
        }
    }

    /** Finished backtests are kept for a while, and only a few of each person's: each may hold many alerts. */
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

    @PreDestroy
    void stop() {
        synchronized (jobs) {
            jobs.values().forEach(Job::cancel);
        }
        runner.shutdownNow();
    }
}

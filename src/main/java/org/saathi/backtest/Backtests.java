package org.saathi.backtest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.roster.Caseload;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Roster;
import org.saathi.rules.RuleSetReplay;
import org.saathi.rules.RuleSets;
import org.saathi.rules.RuleSetsInUse;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Starts backtests over the caller's caseload and answers for them while they run and for a while
 * after, on whichever instance they run: they are kept in the database ({@link JobStore}), which
 * also keeps to one backtest at a time on all instances together. This instance runs its own on
 * one thread ({@link BacktestRunner}).
 */
@Service
public class Backtests {

    private static final Logger log = LoggerFactory.getLogger(Backtests.class);

    /** A backtest just started here, and what completes with it as it ends. */
    record Started(Job job, CompletableFuture<Job> ended) {
    }

    private final Roster roster;
    private final BacktestSettings settings;
    private final Audit audit;
    private final Clock clock;
    private final RuleSetChoice ruleSets;
    private final JobStore jobs;
    private final BacktestRunner runner;
    private final String instance;

    Backtests(RuleSets ruleSets, RuleSetsInUse instances, Roster roster, Histories histories, JobStore jobs,
            BacktestSettings settings, Audit audit, Clock clock) {
        this.roster = roster;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.ruleSets = new RuleSetChoice(ruleSets);
        this.jobs = jobs;
        this.instance = instances.instanceId();
        this.runner = new BacktestRunner(histories, jobs, settings, audit, clock, instance);
    }

    /**
     * Checks the request and starts the backtest. Throws {@link ApiProblem} for a request to fix or
     * while another backtest runs, and {@link CandidateInvalid} for a candidate that does not compile.
     */
    public Job start(Caller caller, BacktestRequest request) {
        return run(caller, request).job();
    }

    /** Starts the backtest as {@link #start} does, with what completes as it ends. */
    Started run(Caller caller, BacktestRequest request) {
        List<FieldProblem> problems = request.problems(clock.instant());
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        Caseload caseload = roster.caseload(caller);
        Optional<List<String>> named = Optional.ofNullable(request.participantIds()).map(Backtests::distinct);
        int total = named.map(List::size).orElseGet(() -> roster.countActiveIn(caseload));
        new Estimate(total, request.options().steps()).refuseAbove(settings.maxEvaluations());
        Job job = Job.started(UUID.randomUUID(), caller.id(), caseload.programmes(), request, clock.instant(), total);
        takePlace(job); // before compiling candidates and running their scenarios, which takes seconds: one at a time
        try {
            return started(caller, job, caseload, named);
        } finally {
            jobs.givePlaceBack(job.id());
        }
    }

    private void takePlace(Job job) {
        Instant now = clock.instant();
        jobs.takeOver(now.minus(settings.lease()), instance, runner.runningHere(), now);
        if (!jobs.takePlace(job, instance, now)) {
            Optional<Instant> running = jobs.runningSince();
            throw busy("The service runs one backtest at a time, on all its instances together, and "
                    + running.map(at -> "one started at " + at + " is still running").orElse("another is being started"));
        }
    }

    private static ApiProblem busy(String why) {
        return ApiProblem.busy("backtest-busy", "A backtest is running", why + "; try again when it is done.");
    }

    private Started started(Caller caller, Job placed, Caseload caseload, Optional<List<String>> named) {
        BacktestRequest request = placed.request();
        ReplayOptions options = request.options();
        RuleSetReplay base = ruleSets.named("rules", request.rules());
        Optional<RuleSetReplay> other = Optional.ofNullable(request.compareWith())
                .map(name -> ruleSets.named("compareWith", name));
        named.ifPresent(ids -> requireInCaseload(ids, caseload));
        Backtest backtest = new Backtest(options, RuleSetChoice.tally(request.rules(), base, options),
                other.map(set -> RuleSetChoice.tally(request.compareWith(), set, options)), settings.threads());
        Instant now = clock.instant();
        if (!jobs.begin(placed.id(), instance, now)) {
            throw busy("This backtest took too long to set up, and another was started meanwhile");
        }
        Job job = Job.started(placed.id(), placed.owner(), placed.programmes(), request, now, placed.total());
        audit.record(caller, Audit.Action.BACKTEST_RUN, null, describe(request, base, other, placed.total()));
        CompletableFuture<Job> ended = runner.start(caller, job, backtest,
                new BacktestRunner.Scope(caseload, named, options, RuleSetChoice.windowOf(base, other)));
        return new Started(job, ended);
    }

    /** A backtest the caller started, while it is kept, with its answer once done. */
    public Optional<Job> find(Caller caller, UUID id) {
        return jobs.find(id, keptSince()).filter(job -> job.owner().equals(caller.id()));
    }

    /** The caller's backtests that are kept, newest first, without their answers. */
    public List<Job> of(Caller caller) {
        return jobs.of(caller.id(), keptSince());
    }

    /**
     * Cancels a backtest: the caller's own, or a running one of their programme's for a supervisor, or any
     * running one for an admin (one backtest holds the whole service). Answers it, or empty when there is
     * none they may cancel.
     */
    public Optional<Job> cancel(Caller caller, UUID id) {
        Optional<Job> job = jobs.find(id, keptSince()).filter(found -> found.owner().equals(caller.id())
                || found.running() && mayCancel(caller, found));
        job.ifPresent(found -> cancel(caller, found, "backtest " + found.id() + " of " + found.owner()));
        return job;
    }

    /** Backtests running now, on any instance, that the caller did not start but may cancel. */
    public List<Job> othersCancellable(Caller caller) {
        return jobs.running().stream().filter(job -> !job.owner().equals(caller.id()))
                .filter(job -> mayCancel(caller, job)).toList();
    }

    /** Nobody will read the answer: the request that waited for it has ended, for the reason given. */
    void abandoned(Caller caller, Job job, String why) {
        cancel(caller, job, "backtest " + job.id() + ": " + why);
    }

    /** Asks whichever instance runs it to stop; this one stops it at once. */
    private void cancel(Caller caller, Job job, String target) {
        if (job.running() && jobs.askToCancel(job.id())) {
            runner.cancel(job.id());
            audit.record(caller, Audit.Action.BACKTEST_CANCELLED, null, target);
            log.info("Backtest {} cancelled by {}", job.id(), caller.id());
        }
    }

    /**
     * Beats on the backtests running here and stops those cancelled through another instance; takes
     * over what stopped instances left; deletes finished backtests no longer kept.
     */
    @Scheduled(fixedDelayString = "${saathi.backtest.beat:1s}")
    void beat() {
        Instant now = clock.instant();
        runner.beat(now);
        jobs.takeOver(now.minus(settings.lease()), instance, runner.runningHere(), now);
        jobs.forget(keptSince(), settings.kept());
    }

    private Instant keptSince() {
        return clock.instant().minus(settings.keep());
    }

    private boolean mayCancel(Caller caller, Job job) {
        return caller.hasRole(StaffRole.ADMIN) || caller.hasRole(StaffRole.SUPERVISOR)
                && !Collections.disjoint(roster.caseload(caller).programmes(), job.programmes());
    }

    private static List<String> distinct(List<String> ids) {
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

    private static String describe(BacktestRequest request, RuleSetReplay base, Optional<RuleSetReplay> other,
            int participants) {
        return "rules " + base.version() + other.map(set -> " compared with " + set.version()).orElse("") + ", "
                + participants + " participants, " + request.from() + " to " + request.to();
    }

    @PreDestroy
    void stop() {
        runner.stop();
    }
}

package org.saathi.backtest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.roster.Caseload;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Roster;
import org.saathi.rules.RuleSetReplay;
import org.saathi.rules.RuleSets;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts backtests over the caller's caseload and keeps them while they run and for a while after
 * ({@link KeptJobs}). One runs at a time per server ({@link BacktestRunner}).
 */
@Service
public class Backtests {

    private static final Logger log = LoggerFactory.getLogger(Backtests.class);

    private final Roster roster;
    private final BacktestSettings settings;
    private final Audit audit;
    private final Clock clock;
    private final RuleSetChoice ruleSets;
    private final KeptJobs jobs;
    private final BacktestRunner runner;

    Backtests(RuleSets ruleSets, Roster roster, Histories histories, BacktestSettings settings, Audit audit,
            Clock clock) {
        this.roster = roster;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.ruleSets = new RuleSetChoice(ruleSets);
        this.jobs = new KeptJobs(settings, clock);
        this.runner = new BacktestRunner(histories, settings, audit, clock);
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
        Optional<List<String>> named = Optional.ofNullable(request.participantIds()).map(Backtests::distinct);
        int total = named.map(List::size).orElseGet(() -> roster.countActiveIn(caseload));
        new Estimate(total, request.options().steps()).refuseAbove(settings.maxEvaluations());
        jobs.reserve(); // before compiling candidates and running their scenarios, which takes seconds: one at a time
        try {
            return started(caller, request, caseload, named, total);
        } finally {
            jobs.release();
        }
    }

    private Job started(Caller caller, BacktestRequest request, Caseload caseload, Optional<List<String>> named,
            int total) {
        ReplayOptions options = request.options();
        RuleSetReplay base = ruleSets.named("rules", request.rules());
        Optional<RuleSetReplay> other = Optional.ofNullable(request.compareWith())
                .map(name -> ruleSets.named("compareWith", name));
        named.ifPresent(ids -> requireInCaseload(ids, caseload));
        Backtest backtest = new Backtest(options, RuleSetChoice.tally(request.rules(), base, options),
                other.map(set -> RuleSetChoice.tally(request.compareWith(), set, options)), settings.threads());
        Job job = new Job(caller.id(), caseload.programmes(), request, clock.instant(), total, backtest);
        jobs.add(job);
        audit.record(caller, Audit.Action.BACKTEST_RUN, null, describe(request, base, other, total));
        runner.start(caller, job,
                new BacktestRunner.Scope(caseload, named, options, RuleSetChoice.windowOf(base, other)));
        return job;
    }

    /** A backtest the caller started, while it is kept. */
    public Optional<Job> find(Caller caller, UUID id) {
        return jobs.find(id).filter(job -> job.owner().equals(caller.id()));
    }

    /** The caller's backtests that are kept, newest first. */
    public List<Job> of(Caller caller) {
        return jobs.matching(job -> job.owner().equals(caller.id()));
    }

    /**
     * Cancels a backtest: the caller's own, or a running one of their programme's for a supervisor, or any
     * running one for an admin (one backtest holds the whole server). Answers it, or empty when there is
     * none they may cancel.
     */
    public Optional<Job> cancel(Caller caller, UUID id) {
        Optional<Job> job = jobs.find(id).filter(found -> found.owner().equals(caller.id())
                || KeptJobs.running(found) && mayCancel(caller, found));
        job.ifPresent(found -> cancel(caller, found, "backtest " + found.id() + " of " + found.owner()));
        return job;
    }

    /** Backtests running now that the caller did not start but may cancel. */
    public List<Job> othersCancellable(Caller caller) {
        return jobs.matching(job -> KeptJobs.running(job) && !job.owner().equals(caller.id())).stream()
                .filter(job -> mayCancel(caller, job)).toList();
    }

    /** Nobody will read the answer: the request that waited for it has ended, for the reason given. */
    void abandoned(Caller caller, Job job, String why) {
        cancel(caller, job, "backtest " + job.id() + ": " + why);
    }

    private void cancel(Caller caller, Job job, String target) {
        if (KeptJobs.running(job)) {
            job.cancel();
            audit.record(caller, Audit.Action.BACKTEST_CANCELLED, null, target);
            log.info("Backtest {} cancelled by {}", job.id(), caller.id());
        }
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
        jobs.cancelAll();
        runner.stop();
    }
}

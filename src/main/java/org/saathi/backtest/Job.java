package org.saathi.backtest;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A backtest as the database holds it, so that every instance answers for it: who started it, what
 * they asked, how far it has got, and its answer once done. Only the staff member who started it can
 * read it; supervisors of its programme and admins can cancel it too. Deleted a while after it ends:
 * it is easily run again, and holds participant-level detail.
 *
 * @param programmes the programmes whose participants it replays: those its owner supervises
 * @param total participants to replay in all
 * @param done participants replayed so far (never more than the total: one who joins meanwhile is
 *        replayed too); as of the last beat of the instance running it
 * @param result the answer, once done; left out where backtests are listed, since it may hold
 *        thousands of alerts
 * @param failure why it failed, in words for the one who started it
 */
public record Job(UUID id, String owner, Set<String> programmes, BacktestRequest request, State state,
        Instant startedAt, Optional<Instant> finishedAt, int total, int done, Optional<Result> result,
        Optional<String> failure) {

    public enum State {
        RUNNING, DONE, CANCELLED, FAILED
    }

    /** Why a backtest failed where it ran; the log of that instance has the rest. */
    static final String FAILED_WHERE_IT_RAN = "It failed on the instance of the service that ran it; that "
            + "instance's log says why.";
    /** A backtest whose instance was stopped while it ran. */
    static final String INSTANCE_STOPPED = "The instance of the service running it was stopped before it "
            + "finished; start it again.";
    /** A backtest whose instance stopped beating: it has stopped or died, and nobody will finish its backtest. */
    static final String INSTANCE_GONE = "The instance of the service running it stopped answering before it "
            + "finished; start it again.";

    public Job {
        programmes = Set.copyOf(programmes);
        done = Math.min(done, total);
    }

    /** A backtest that has just started: nothing replayed yet. */
    static Job started(UUID id, String owner, Set<String> programmes, BacktestRequest request, Instant at,
            int total) {
        return new Job(id, owner, programmes, request, State.RUNNING, at, Optional.empty(), total, 0,
                Optional.empty(), Optional.empty());
    }

    /** This backtest as it ended. */
    Job ended(State state, int done, Instant at, Optional<Result> result, Optional<String> failure) {
        return new Job(id, owner, programmes, request, state, startedAt, Optional.of(at), total, done, result,
                failure);
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    /** The rule set asked for: "active", or a candidate folder's name. */
    public String rules() {
        return request.rules() == null ? "active" : request.rules();
    }

    /** The candidate folder it was compared with, if any. */
    public Optional<String> compareWith() {
        return Optional.ofNullable(request.compareWith());
    }
}

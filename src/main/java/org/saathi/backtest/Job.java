package org.saathi.backtest;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A backtest started on this server: who started it, how far it has got, and its answer once done.
 * Only the staff member who started it can read it; supervisors of its programme and admins can
 * cancel it too. Kept in memory for a while, never
 * stored: it is easily run again, and holds participant-level detail.
 */
public final class Job {

    public enum State {
        RUNNING, DONE, CANCELLED, FAILED
    }

    private final UUID id = UUID.randomUUID();
    private final String owner;
    private final Set<String> programmes;
    private final BacktestRequest request;
    private final Instant startedAt;
    private final int total;
    private final Backtest backtest;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile Instant finishedAt;

    Job(String owner, Set<String> programmes, BacktestRequest request, Instant startedAt, int total, Backtest backtest) {
        this.owner = owner;
        this.programmes = Set.copyOf(programmes);
        this.request = request;
        this.startedAt = startedAt;
        this.total = total;
        this.backtest = backtest;
    }

    public UUID id() {
        return id;
    }

    String owner() {
        return owner;
    }

    /** The programmes whose participants it replays: those its owner supervises. */
    Set<String> programmes() {
        return programmes;
    }

    /** What was asked for. */
    public BacktestRequest request() {
        return request;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** Participants to replay in all. */
    public int total() {
        return total;
    }

    /** Participants replayed so far (never more than the total: one who joins meanwhile is replayed too). */
    public int done() {
        return Math.min(backtest.done(), total);
    }

    public State state() {
        if (!result.isDone()) {
            return State.RUNNING;
        }
        if (result.isCompletedExceptionally()) {
            return backtest.isCancelled() ? State.CANCELLED : State.FAILED;
        }
        return State.DONE;
    }

    /** The answer, once done. */
    public Optional<Result> result() {
        return state() == State.DONE ? Optional.of(result.join()) : Optional.empty();
    }

    CompletableFuture<Result> completion() {
        return result;
    }

    void cancel() {
        backtest.cancel();
    }

    Backtest backtest() {
        return backtest;
    }

    void finished(Instant at) {
        this.finishedAt = at;
    }
}

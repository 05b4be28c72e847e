package org.saathi.backtest;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backtests in the database, so that whichever instance is asked answers for any of them. A row
 * being set up ({@code STARTING}, while its candidates compile) is the service's one place for a
 * backtest and is never read as one; an index lets one row at a time be set up or run. The instance
 * running a backtest beats on its row, records its progress there and reads whether it is asked to
 * stop.
 */
@Repository
class JobStore {

    private static final String STARTING = "STARTING";
    private static final String RUNNING = Job.State.RUNNING.name();

    /** The backtests kept: neither being set up nor finished before {@code :keptSince}. */
    private static final String KEPT = """
            SELECT id, owner, programmes, request, state, participants, done, started_at, finished_at, failure,
                   CASE WHEN :answer THEN result END AS result
            FROM backtest_job
            WHERE state <> :starting AND (finished_at IS NULL OR finished_at >= :keptSince)
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Takes the service's one place for {@code job}; false while another backtest is set up or runs. */
    boolean takePlace(Job job, String instance, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO backtest_job (id, owner, programmes, request, state, participants, started_at,
                                              instance, heartbeat_at)
                    VALUES (:id, :owner, :programmes, CAST(:request AS jsonb), :starting, :total, :now,
                            :instance, :now)""")
                    .param("id", job.id()).param("owner", job.owner())
                    .param("programmes", job.programmes().toArray(String[]::new))
                    .param("request", json.writeValueAsString(job.request())).param("starting", STARTING)
                    .param("total", job.total()).param("now", Timestamp.from(now)).param("instance", instance)
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** When the backtest running now started, if one runs rather than being set up. */
    Optional<Instant> runningSince() {
        return jdbc.sql("SELECT started_at FROM backtest_job WHERE state = :running")
                .param("running", RUNNING).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** The place becomes a running backtest; false when it was taken over meanwhile (its beat was missed). */
    boolean begin(UUID id, String instance, Instant now) {
        return jdbc.sql("""
                UPDATE backtest_job SET state = :running, started_at = :now, heartbeat_at = :now
                WHERE id = :id AND instance = :instance AND state = :starting""")
                .param("id", id).param("instance", instance).param("running", RUNNING).param("starting", STARTING)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    /** Gives the place back, unless it became a backtest. */
    void givePlaceBack(UUID id) {
        jdbc.sql("DELETE FROM backtest_job WHERE id = :id AND state = :starting")
                .param("id", id).param("starting", STARTING).update();
    }

    /** A backtest kept, with its answer. */
    Optional<Job> find(UUID id, Instant keptSince) {
        return jdbc.sql(KEPT + "AND id = :id").param("id", id).params(kept(keptSince, true)).query(this::job)
                .optional();
    }

    /** Someone's backtests kept, newest first, without their answers. */
    List<Job> of(String owner, Instant keptSince) {
        return jdbc.sql(KEPT + "AND owner = :owner ORDER BY started_at DESC, id").param("owner", owner)
                .params(kept(keptSince, false)).query(this::job).list();
    }

    /** The backtest running now, wherever it runs (one at most), without its answer. */
    List<Job> running() {
        return jdbc.sql(KEPT + "AND state = :running").param("running", RUNNING)
                .params(kept(Instant.EPOCH, false)).query(this::job).list();
    }

    /** Asks whichever instance runs it to stop it; false when it is not running. */
    boolean askToCancel(UUID id) {
        return jdbc.sql("UPDATE backtest_job SET cancel_requested = true WHERE id = :id AND state = :running")
                .param("id", id).param("running", RUNNING).update() == 1;
    }

    /** Whether a backtest this instance runs should stop: it was cancelled through any instance, or taken over. */
    boolean toStop(UUID id, String instance) {
        return jdbc.sql("""
                SELECT cancel_requested OR state <> :running OR instance <> :instance
                FROM backtest_job WHERE id = :id""")
                .param("id", id).param("instance", instance).param("running", RUNNING).query(Boolean.class)
                .optional().orElse(true);
    }

    /**
     * Beats on a backtest this instance runs and records its progress; answers whether it should
     * stop, as {@link #toStop} does.
     */
    boolean beat(UUID id, String instance, int done, Instant now) {
        return jdbc.sql("""
                UPDATE backtest_job SET heartbeat_at = :now, done = :done
                WHERE id = :id AND instance = :instance AND state = :running
                RETURNING cancel_requested""")
                .param("id", id).param("instance", instance).param("running", RUNNING).param("done", done)
                .param("now", Timestamp.from(now)).query(Boolean.class).optional().orElse(true);
    }

    /** Beats on the places this instance holds while their candidates compile. */
    void beatStarting(String instance, Instant now) {
        jdbc.sql("UPDATE backtest_job SET heartbeat_at = :now WHERE instance = :instance AND state = :starting")
                .param("instance", instance).param("starting", STARTING).param("now", Timestamp.from(now)).update();
    }

    /** Records how a backtest this instance ran ended; false when it was taken over meanwhile. */
    boolean end(Job ended, String instance) {
        return jdbc.sql("""
                UPDATE backtest_job SET state = :state, done = :done, finished_at = :finished,
                    result = CAST(:result AS jsonb), failure = :failure
                WHERE id = :id AND instance = :instance AND state = :running""")
                .param("id", ended.id()).param("instance", instance).param("running", RUNNING)
                .param("state", ended.state().name()).param("done", ended.done())
                .param("finished", Timestamp.from(ended.finishedAt().orElseThrow()))
                .param("result", ended.result().map(json::writeValueAsString).orElse(null))
                .param("failure", ended.failure().orElse(null)).update() == 1;
    }

    /**
     * Takes over what instances that stopped beating before {@code staleBefore} left: their running
     * backtests end FAILED, their places are given back. Backtests this instance runs are never taken.
     */
    void takeOver(Instant staleBefore, String instance, Set<UUID> runningHere, Instant now) {
        jdbc.sql("""
                UPDATE backtest_job SET state = :failed, failure = :why, finished_at = :now
                WHERE state = :running AND heartbeat_at < :stale AND id <> ALL(CAST(:here AS uuid[]))""")
                .param("failed", Job.State.FAILED.name()).param("why", Job.INSTANCE_GONE)
                .param("running", RUNNING).param("stale", Timestamp.from(staleBefore))
                .param("here", runningHere.stream().map(UUID::toString).toArray(String[]::new)).param("now", Timestamp.from(now)).update();
        jdbc.sql("DELETE FROM backtest_job WHERE state = :starting AND heartbeat_at < :stale AND instance <> :instance")
                .param("starting", STARTING).param("stale", Timestamp.from(staleBefore)).param("instance", instance)
                .update();
    }

    /** Deletes the finished backtests no longer kept: ended before {@code keptSince}, or older than their owner's newest {@code kept}. */
    void forget(Instant keptSince, int kept) {
        jdbc.sql("""
                DELETE FROM backtest_job WHERE id IN (
                    SELECT id FROM (
                        SELECT id, finished_at,
                               row_number() OVER (PARTITION BY owner ORDER BY finished_at DESC, id) AS newest
                        FROM backtest_job WHERE finished_at IS NOT NULL) finished
                    WHERE finished_at < :keptSince OR newest > :kept)""")
                .param("keptSince", Timestamp.from(keptSince)).param("kept", kept).update();
    }

    private static Map<String, Object> kept(Instant keptSince, boolean answer) {
        return Map.of("starting", STARTING, "keptSince", Timestamp.from(keptSince), "answer", answer);
    }

    private Job job(ResultSet row, int n) throws SQLException {
        Timestamp finished = row.getTimestamp("finished_at");
        Array programmes = row.getArray("programmes");
        return new Job(row.getObject("id", UUID.class), row.getString("owner"),
                Set.copyOf(Arrays.asList((String[]) programmes.getArray())),
                json.readValue(row.getString("request"), BacktestRequest.class),
                Job.State.valueOf(row.getString("state")), row.getTimestamp("started_at").toInstant(),
                Optional.ofNullable(finished).map(Timestamp::toInstant), row.getInt("participants"), row.getInt("done"),
                Optional.ofNullable(row.getString("result")).map(text -> json.readValue(text, Result.class)),
                Optional.ofNullable(row.getString("failure")));
    }
}

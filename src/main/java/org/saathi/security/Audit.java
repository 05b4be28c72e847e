package org.saathi.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log: who looked at a participant's record or an alert, who changed what, who logged
 * in and who failed to. A change is recorded in the transaction that makes it, so the two stand
 * or fall together; a view is recorded once the record has been read.
 */
@Service
public class Audit {

    public enum Action {
        LOGIN, LOGIN_FAILED, ACCOUNT_LOCKED, ACCOUNT_UNLOCKED, LOGOUT, SESSION_EXPIRED,
        PARTICIPANT_VIEWED, TIMELINE_VIEWED, ALERT_VIEWED,
        ALERT_ACKNOWLEDGED, ALERT_RESOLVED, ALERT_SNOOZED,
        API_KEY_CREATED, API_KEY_REVOKED, STAFF_SAVED, PARTICIPANT_SAVED, GROUP_SAVED, PROGRAMME_SAVED,
        RULES_RELOADED, RULES_RELOAD_REFUSED, BACKTEST_RUN, BACKTEST_CANCELLED
    }

    /** One row of the log. */
    @Schema(name = "AuditEvent")
    public record Event(long id, Instant at, String actor, Action action, Optional<String> participantId,
            Optional<String> target, String channel, Optional<String> remoteAddress) {
    }

    /** What to look for; an empty field matches everything. */
    public record Filter(Optional<String> actor, Optional<String> participantId, Optional<Action> action,
            Optional<Instant> from, Optional<Instant> to) {
    }

    @Schema(name = "AuditPage")
    public record Page(List<Event> items, int page, int size, long total) {
    }

    /** The actor of a failed login whose user name matches no account, so typed passwords never land here. */
    static final String UNKNOWN = "(unknown)";

    private final JdbcClient jdbc;
    private final Clock clock;

    Audit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Caller caller, Action action, String participantId, String target) {
        record(actorOf(caller), action, participantId, target);
    }

    void record(String actor, Action action, String participantId, String target) {
        Optional<HttpServletRequest> request = currentRequest();
        jdbc.sql("""
                        INSERT INTO audit_event (at, actor, action, participant_id, target, channel, remote_address)
                        VALUES (:at, :actor, :action, :participant, :target, :channel, :address)""")
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("action", action.name())
                .param("participant", participantId)
                .param("target", target)
                .param("channel", request.map(Audit::channel).orElse("SYSTEM"))
                .param("address", request.map(HttpServletRequest::getRemoteAddr).orElse(null))
                .update();
    }

    public Page search(Filter filter, int page, int size) {
        String where = """
                WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
                  AND (CAST(:participant AS text) IS NULL OR participant_id = :participant)
                  AND (CAST(:action AS text) IS NULL OR action = :action)
                  AND (CAST(:from AS timestamptz) IS NULL OR at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR at < :to)""";
        long total = bind(jdbc.sql("SELECT count(*) FROM audit_event " + where), filter).query(Long.class).single();
        List<Event> items = bind(jdbc.sql("SELECT * FROM audit_event " + where
                        + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset"), filter)
                .param("limit", size).param("offset", (long) page * size)
                .query((rs, row) -> new Event(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), Action.valueOf(rs.getString("action")),
                        Optional.ofNullable(rs.getString("participant_id")), Optional.ofNullable(rs.getString("target")),
                        rs.getString("channel"), Optional.ofNullable(rs.getString("remote_address"))))
                .list();
        return new Page(items, page, size, total);
    }

    static String actorOf(Caller caller) {
        return caller.isStaff() ? caller.id() : "key:" + caller.id();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
        return sql.param("actor", filter.actor().orElse(null))
                .param("participant", filter.participantId().orElse(null))
                .param("action", filter.action().map(Action::name).orElse(null))
                .param("from", filter.from().map(Timestamp::from).orElse(null))
                .param("to", filter.to().map(Timestamp::from).orElse(null));
    }

    private static Optional<HttpServletRequest> currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest()) : Optional.empty();
    }

    private static String channel(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/") ? "API" : "WEB";
    }
}

package org.saathi.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
        API_KEY_CREATED, API_KEY_REVOKED, STAFF_SAVED, STAFF_DEACTIVATED, STAFF_REACTIVATED, PARTICIPANT_SAVED,
        GROUP_SAVED, PROGRAMME_SAVED, RULES_RELOADED, RULES_RELOAD_REFUSED, BACKTEST_RUN,
        BACKTEST_CANCELLED,
        /** A list of alerts was read; the row names the participants it showed. */
        ALERTS_LISTED,
        /** A backtest replayed these participants' histories; written when it ends. */
        BACKTEST_REPLAYED;

        /** Actions whose row names its participants in the target, as a comma-separated list of their ids. */
        static final Set<Action> LISTING = EnumSet.of(ALERTS_LISTED, BACKTEST_REPLAYED);
    }

    /**
     * One row of the log.
     *
     * @param detail what a change changed, field by field: {@code {"counsellorId": {"old": "c-1", "new": "c-2"}}}
     */
    @Schema(name = "AuditEvent")
    public record Event(long id, Instant at, String actor, Action action, Optional<String> participantId,
            Optional<String> target, String channel, Optional<String> remoteAddress, Optional<JsonNode> detail) {
    }

    /** A field's value before and after a change; ids and enums only, so that no name or note lands here. */
    public record Change(Object old, Object now) {

        Map<String, Object> json() {
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            values.put("old", old);
            values.put("new", now);
            return values;
        }
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
    private final JsonMapper json;
    private final Clock clock;

    Audit(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void record(Caller caller, Action action, String participantId, String target) {
        record(actorOf(caller), action, participantId, target);
    }

    /**
     * A read or replay of several participants' data in one row: their ids, sorted and separated
     * by commas (ids hold no comma), in the target, where a search for one of them finds the row.
     * Nothing is written when there are none.
     */
    public void recordParticipants(Caller caller, Action action, Collection<String> participantIds) {
        if (!Action.LISTING.contains(action)) {
            throw new IllegalArgumentException(action + " names one participant, not a list");
        }
        if (!participantIds.isEmpty()) {
            record(caller, action, null, String.join(",", new TreeSet<>(participantIds)));
        }
    }

    /** A change, with the fields it changed; a field whose value stayed is left out. */
    public void record(Caller caller, Action action, String participantId, String target,
            Map<String, Change> changes) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        changes.forEach((field, change) -> detail.put(field, change.json()));
        insert(actorOf(caller), action, participantId, target, json.writeValueAsString(detail));
    }

    /** A change Saathi made itself (an alert it resolved), under the name it records itself with. */
    public void record(String actor, Action action, String participantId, String target) {
        insert(actor, action, participantId, target, null);
    }

    private void insert(String actor, Action action, String participantId, String target, String detail) {
        Optional<HttpServletRequest> request = currentRequest();
        insert(clock.instant(), actor, action, participantId, target, request.map(Audit::channel).orElse("SYSTEM"),
                request.map(HttpServletRequest::getRemoteAddr).orElse(null), detail);
    }

    /** A row that sums up what happened over a while, written after it, as of when it began. */
    void recordSummary(Instant at, String actor, Action action, String target, String channel, String address) {
        insert(at, actor, action, null, target, channel, address, null);
    }

    private void insert(Instant at, String actor, Action action, String participantId, String target, String channel,
            String address, String detail) {
        jdbc.sql("""
                        INSERT INTO audit_event (at, actor, action, participant_id, target, channel, remote_address,
                            detail)
                        VALUES (:at, :actor, :action, :participant, :target, :channel, :address,
                            CAST(:detail AS jsonb))""")
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .param("action", action.name())
                .param("participant", participantId)
                .param("target", target)
                .param("channel", channel)
                .param("address", address)
                .param("detail", detail)
                .update();
    }

    /** WEB or API for the request being answered, SYSTEM outside one. */
    static String currentChannel() {
        return currentRequest().map(Audit::channel).orElse("SYSTEM");
    }

    public Page search(Filter filter, int page, int size) {
        String where = """
                WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
                  AND (CAST(:participant AS text) IS NULL OR participant_id = :participant
                       OR (action IN (:listing) AND :participant = ANY (string_to_array(target, ','))))
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
                        rs.getString("channel"), Optional.ofNullable(rs.getString("remote_address")),
                        Optional.ofNullable(rs.getString("detail")).map(json::readTree)))
                .list();
        return new Page(items, page, size, total);
    }

    static String actorOf(Caller caller) {
        return caller.isStaff() ? caller.id() : "key:" + caller.id();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
        return sql.param("listing", Action.LISTING.stream().map(Action::name).toList())
                .param("actor", filter.actor().orElse(null))
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

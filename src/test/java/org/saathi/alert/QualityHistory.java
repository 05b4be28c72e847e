package org.saathi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alerts of the past with known handling, written as the lifecycle writes them (the row and its
 * history), so that rule quality can be checked to the figure; and facts posted through the API.
 */
record QualityHistory(JdbcClient jdbc, Fixtures fixtures, Api ingest) {

    /** How one alert went: raised, perhaps risen in severity, answered, closed. */
    record Handling(String ruleId, String severity, Instant raisedAt, Duration ackWithin, Optional<Duration> risenAfter,
            Optional<Duration> acknowledgedAfter, Optional<Duration> resolvedAfter, String resolvedBy,
            String outcome) {

        static Handling raised(String ruleId, String severity, Instant raisedAt, Duration ackWithin) {
            return new Handling(ruleId, severity, raisedAt, ackWithin, Optional.empty(), Optional.empty(),
                    Optional.empty(), null, null);
        }

        /** Risen to this handling's severity so long after it was raised; times below count from then. */
        Handling risenAfter(Duration after) {
            return new Handling(ruleId, severity, raisedAt, ackWithin, Optional.of(after), acknowledgedAfter,
                    resolvedAfter, resolvedBy, outcome);
        }

        Handling acknowledgedAfter(Duration after) {
            return new Handling(ruleId, severity, raisedAt, ackWithin, risenAfter, Optional.of(after), resolvedAfter,
                    resolvedBy, outcome);
        }

        Handling resolvedAfter(Duration after, String by, String outcome) {
            return new Handling(ruleId, severity, raisedAt, ackWithin, risenAfter, acknowledgedAfter,
                    Optional.of(after), by, outcome);
        }

        Instant since() {
            return raisedAt.plus(risenAfter.orElse(Duration.ZERO));
        }
    }

    void alert(String participantId, String programmeId, Handling handling) {
        Instant since = handling.since();
        Optional<Instant> acknowledged = handling.acknowledgedAfter().map(since::plus);
        Optional<Instant> resolved = handling.resolvedAfter().map(since::plus);
        String status = resolved.isPresent() ? "RESOLVED" : acknowledged.isPresent() ? "ACKNOWLEDGED" : "OPEN";
        UUID id = jdbc.sql("""
                        INSERT INTO alert (participant_id, programme_id, rule_id, rule_name, severity, status,
                            explanation, rule_set_version, raised_at, updated_at, ack_due_at, escalate_to,
                            ack_within_seconds, acknowledged_at, acknowledged_by, resolved_at, resolved_by, outcome)
                        VALUES (:p, :programme, :rule, :name, :severity, :status, 'test', 'test', :raised, :raised,
                            :due, 'COUNSELLOR', :within, :acknowledged, :ackBy, :resolved, :resolvedBy, :outcome)
                        RETURNING id""")
                .param("p", participantId).param("programme", programmeId).param("rule", handling.ruleId())
                .param("name", handling.ruleId() + " Test rule").param("severity", handling.severity())
                .param("status", status).param("raised", Timestamp.from(handling.raisedAt()))
                .param("due", Timestamp.from(since.plus(handling.ackWithin())))
                .param("within", handling.ackWithin().toSeconds())
                .param("acknowledged", acknowledged.map(Timestamp::from).orElse(null))
                .param("ackBy", acknowledged.map(at -> "staff").orElse(null))
                .param("resolved", resolved.map(Timestamp::from).orElse(null))
                .param("resolvedBy", handling.resolvedBy()).param("outcome", handling.outcome())
                .query(UUID.class).single();
        history(id, handling.raisedAt(), "RAISED");
        handling.risenAfter().ifPresent(after -> history(id, since, "SEVERITY_RAISED"));
        acknowledged.ifPresent(at -> history(id, at, "ACKNOWLEDGED"));
        resolved.ifPresent(at -> history(id, at, "RESOLVED"));
    }

    private void history(UUID alertId, Instant at, String action) {
        jdbc.sql("INSERT INTO alert_history (alert_id, at, actor, action) VALUES (:a, :at, 'test', :action)")
                .param("a", alertId).param("at", Timestamp.from(at)).param("action", action).update();
    }

    void usedSubstance(String participantId, Instant at) {
        Api.Reply reply = ingest.post("/api/v1/check-ins", """
                {"participantId": "%s", "recordedAt": "%s", "craving": 6, "mood": 4, "usedSubstance": true}"""
                .formatted(participantId, at.truncatedTo(ChronoUnit.SECONDS)));
        assertThat(reply.status()).as("check-in: %s", reply).isEqualTo(201);
    }

    void positiveDrugScreen(String participantId, Instant at) {
        Api.Reply reply = ingest.post("/api/v1/screenings", """
                {"participantId": "%s", "recordedAt": "%s", "instrument": "DRUG_SCREEN", "positive": true}"""
                .formatted(participantId, at.truncatedTo(ChronoUnit.SECONDS)));
        assertThat(reply.status()).as("screening: %s", reply).isEqualTo(201);
    }
}

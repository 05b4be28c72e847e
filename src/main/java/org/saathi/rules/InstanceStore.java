package org.saathi.rules;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The instances of the service on this database, each with the rule-set version it runs and its last beat. */
@Repository
class InstanceStore {

    private final JdbcClient jdbc;

    InstanceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void beat(String instance, String version, Instant now) {
        jdbc.sql("""
                INSERT INTO service_instance (id, rule_set_version, started_at, heartbeat_at)
                VALUES (:id, :version, :now, :now)
                ON CONFLICT (id) DO UPDATE SET rule_set_version = :version, heartbeat_at = :now""")
                .param("id", instance).param("version", version).param("now", Timestamp.from(now)).update();
    }

    /** The instances that beat since {@code since}, and removes those gone for longer, oldest first. */
    List<RuleSetsInUse.Instance> aliveSince(Instant since) {
        jdbc.sql("DELETE FROM service_instance WHERE heartbeat_at < :since")
                .param("since", Timestamp.from(since)).update();
        return jdbc.sql("""
                SELECT id, rule_set_version, started_at, heartbeat_at FROM service_instance
                ORDER BY started_at, id""")
                .query((row, n) -> new RuleSetsInUse.Instance(row.getString("id"), row.getString("rule_set_version"),
                        row.getTimestamp("started_at").toInstant(), row.getTimestamp("heartbeat_at").toInstant()))
                .list();
    }

    void leave(String instance) {
        jdbc.sql("DELETE FROM service_instance WHERE id = :id").param("id", instance).update();
    }
}

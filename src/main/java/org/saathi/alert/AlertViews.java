package org.saathi.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alerts as the API shows them (SPEC §6). */
final class AlertViews {

    private AlertViews() {
    }

    record Summary(UUID id, String participantId, String ruleId, String ruleName, String severity, String status,
            Instant raisedAt, Instant ackDueAt) {
    }

    record Page(List<Summary> items, int page, int size, long total) {
    }

    record Evidence(String type, String id, Instant at, String summary) {
    }

    record RecipientView(String staffId, String role, String reason, int step) {
    }

    record Notification(String id, String staffId, String channel, String state, int attempts, String lastError) {
    }

    record HistoryEntry(Instant at, String actor, String action, String note) {
    }

    record Detail(UUID id, String participantId, String ruleId, String ruleName, String severity, String status,
            Instant raisedAt, Instant ackDueAt, Instant updatedAt, String ruleSetVersion, String explanation,
            List<Evidence> evidence, List<RecipientView> recipients, List<Notification> notifications,
            List<HistoryEntry> history) {
    }
}

package org.saathi.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.saathi.notify.Outbox;
import org.saathi.rules.WhatToDo;

/** Alerts as the API shows them, named in the API documents apart from the audit log's pages. */
public final class AlertViews {

    private AlertViews() {
    }

    /**
     * @param cleared when the alert's condition was seen to no longer hold, and by which fact; null while it holds
     */
    @Schema(name = "AlertSummary")
    public record Summary(UUID id, String participantId, String ruleId, String ruleName, String severity, String status,
            Instant raisedAt, Instant ackDueAt, Cleared cleared) {
    }

    /**
     * When an alert's condition was seen to no longer hold, and the newest fact that made the
     * difference ({@code by}; null when the evaluation alone saw it).
     */
    @Schema(name = "AlertCleared")
    public record Cleared(Instant at, Evidence by) {
    }

    @Schema(name = "AlertPage")
    public record Page(List<Summary> items, int page, int size, long total) {
    }

    public record Evidence(String type, String id, Instant at, String summary) {
    }

    public record RecipientView(String staffId, String role, String reason, int step) {
    }

    /** Something that happened to an alert, for a participant's timeline. */
    @Schema(name = "AlertEvent")
    public record Event(UUID alertId, String ruleId, String ruleName, String severity, Instant at, String action) {
    }

    public record HistoryEntry(Instant at, String actor, String action, String note) {
    }

    /** When and by whom the alert was acknowledged and resolved, with what outcome; null while not. */
    public record Handling(Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy,
            String outcome, Instant snoozedUntil, int escalationStep) {
    }

    @Schema(name = "AlertDetail")
    public record Detail(UUID id, String participantId, String ruleId, String ruleName, String severity, String status,
            Instant raisedAt, Instant ackDueAt, Instant updatedAt, String ruleSetVersion, String explanation,
            Handling handling, Cleared cleared, List<Evidence> evidence, List<RecipientView> recipients,
            List<Outbox.NotificationView> notifications, List<HistoryEntry> history,
            @Schema(description = "What staff are asked to do at the alert's current severity, from the rule set in "
                    + "force; null when it has none for this rule. Never part of a notification.", nullable = true)
            WhatToDo whatToDo) {
    }
}

package org.saathi.alert;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alerts for staff: newest first, within their caseload; another caseload's alert is not found. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts", description = "Alerts for staff, within their caseload")
class AlertController {

    private static final Set<String> STATUSES = java.util.Arrays.stream(AlertStatus.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.toSet());
    private static final Set<String> SEVERITIES = java.util.Arrays.stream(org.saathi.facts.Severity.values())
            .map(Enum::name).collect(java.util.stream.Collectors.toSet());

    private final AlertQueries queries;
    private final Audit audit;

    AlertController(AlertQueries queries, Audit audit) {
        this.queries = queries;
        this.audit = audit;
    }

    @GetMapping
    @Operation(operationId = "listAlerts", summary = "Alerts, newest first (or most severe first)",
            description = "Peer mentors and counsellors see their caseload only.")
    AlertViews.Page list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String participantId,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "newest") String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Authentication authentication) {
        String wantedStatus = oneOf("status", status, STATUSES);
        String wantedSeverity = oneOf("severity", severity, SEVERITIES);
        if (participantId != null) {
            ExternalIds.require("participantId", participantId);
        }
        if (page < 0) {
            throw ApiProblem.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw ApiProblem.invalid("size", "must be 1 to 200");
        }
        AlertQueries.Order order = switch (sort) {
            case "newest" -> AlertQueries.Order.NEWEST;
            case "severity" -> AlertQueries.Order.SEVERITY;
            default -> throw ApiProblem.invalid("sort", "must be newest or severity");
        };
        Caller caller = Caller.of(authentication);
        AlertViews.Page listed = queries.list(caller, new AlertQueries.Filter(
                wantedStatus == null ? Set.of() : Set.of(wantedStatus), Optional.ofNullable(wantedSeverity),
                Optional.ofNullable(participantId), mine), order, page, size);
        audit.recordParticipants(caller, Audit.Action.ALERTS_LISTED,
                listed.items().stream().map(AlertViews.Summary::participantId).toList());
        return listed;
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getAlert", summary = "An alert in detail",
            description = "Rule ids and names, rule set version, explanation, evidence facts, recipients and why, "
                    + "notifications and their delivery state, history.")
    @ApiResponse(responseCode = "200", description = "The alert.")
    @ApiResponse(responseCode = "404", description = "No such alert in your caseload.")
    AlertViews.Detail detail(@PathVariable String id, Authentication authentication) {
        UUID alertId = parse(id);
        return queries.view(Caller.of(authentication), alertId)
                .orElseThrow(() -> ApiProblem.notFound("There is no alert " + id + " in your caseload."));
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw ApiProblem.notFound("There is no alert " + id + " in your caseload.");
        }
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw ApiProblem.invalid(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return upper;
    }
}

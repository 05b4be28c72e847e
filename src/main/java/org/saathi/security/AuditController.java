package org.saathi.security;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for admins, newest first, filterable by actor, participant, action and time. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who saw and changed what")
class AuditController {

    private final Audit audit;

    AuditController(Audit audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(operationId = "listAudit",
            summary = "The audit log, newest first, by actor, participant, action and time")
    Audit.Page list(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String participantId,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (actor != null && actor.length() > 100) {
            throw ApiProblem.invalid("actor", "must be at most 100 characters");
        }
        if (participantId != null) {
            ExternalIds.require("participantId", participantId);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.invalid("from", "must be before to");
        }
        if (page < 0) {
            throw ApiProblem.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw ApiProblem.invalid("size", "must be 1 to 200");
        }
        return audit.search(new Audit.Filter(Optional.ofNullable(actor), Optional.ofNullable(participantId),
                Optional.ofNullable(action).map(AuditController::action),
                Optional.ofNullable(from).map(OffsetDateTime::toInstant),
                Optional.ofNullable(to).map(OffsetDateTime::toInstant)), page, size);
    }

    private static Audit.Action action(String name) {
        try {
            return Audit.Action.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ApiProblem.invalid("action", "is not an audited action");
        }
    }
}

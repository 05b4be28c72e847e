package org.saathi.alert;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.saathi.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Acknowledge, resolve and snooze; each answers the alert as it now stands. */
@RestController
@RequestMapping(path = "/api/v1/alerts/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Alerts")
class AlertLifecycleController {

    private final AlertLifecycle lifecycle;

    AlertLifecycleController(AlertLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    record Acknowledgement(@Size(max = 2000) String note) {
    }

    record Resolution(@NotNull AlertLifecycle.Outcome outcome, @Size(max = 2000) String note) {
    }

    record SnoozeRequest(@NotNull OffsetDateTime until, @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/acknowledge")
    @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an alert, with an optional note")
    @ApiResponse(responseCode = "200", description = "The alert as it now stands.")
    @ApiResponse(responseCode = "404", description = "No such alert in your caseload.")
    @ApiResponse(responseCode = "409", description = "The alert is no longer open "
            + "(`urn:saathi:problem:alert-state`).")
    AlertViews.Detail acknowledge(@PathVariable String id, @Valid @RequestBody(required = false) Acknowledgement request,
            Authentication authentication) {
        return lifecycle.acknowledge(Caller.of(authentication), AlertController.parse(id),
                request == null ? null : request.note());
    }

    @PostMapping("/resolve")
    @Operation(operationId = "resolveAlert", summary = "Resolve an alert with an outcome")
    @ApiResponse(responseCode = "200", description = "The alert as it now stands.")
    @ApiResponse(responseCode = "404", description = "No such alert in your caseload.")
    @ApiResponse(responseCode = "409", description = "Already resolved (`urn:saathi:problem:alert-state`).")
    AlertViews.Detail resolve(@PathVariable String id, @Valid @RequestBody Resolution request,
            Authentication authentication) {
        return lifecycle.resolve(Caller.of(authentication), AlertController.parse(id), request.outcome(),
                request.note());
    }

    @PostMapping("/snooze")
    @Operation(operationId = "snoozeAlert",
            summary = "Snooze an alert until a time, at most 30 days ahead, with a reason")
    @ApiResponse(responseCode = "200", description = "The alert as it now stands.")
    @ApiResponse(responseCode = "404", description = "No such alert in your caseload.")
    @ApiResponse(responseCode = "409", description = "A CRITICAL alert is never snoozed "
            + "(`urn:saathi:problem:critical-not-snoozable`), nor a resolved one (`urn:saathi:problem:alert-state`).")
    AlertViews.Detail snooze(@PathVariable String id, @Valid @RequestBody SnoozeRequest request,
            Authentication authentication) {
        return lifecycle.snooze(Caller.of(authentication), AlertController.parse(id), request.until().toInstant(),
                request.reason().strip());
    }
}

package org.saathi.alert;

import java.time.OffsetDateTime;

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
    AlertViews.Detail acknowledge(@PathVariable String id, @Valid @RequestBody(required = false) Acknowledgement request,
            Authentication authentication) {
        return lifecycle.acknowledge(Caller.of(authentication), AlertController.parse(id),
                request == null ? null : request.note());
    }

    @PostMapping("/resolve")
    AlertViews.Detail resolve(@PathVariable String id, @Valid @RequestBody Resolution request,
            Authentication authentication) {
        return lifecycle.resolve(Caller.of(authentication), AlertController.parse(id), request.outcome(),
                request.note());
    }

    @PostMapping("/snooze")
    AlertViews.Detail snooze(@PathVariable String id, @Valid @RequestBody SnoozeRequest request,
            Authentication authentication) {
        return lifecycle.snooze(Caller.of(authentication), AlertController.parse(id), request.until().toInstant(),
                request.reason().strip());
    }
}

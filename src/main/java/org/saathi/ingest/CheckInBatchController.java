package org.saathi.ingest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.saathi.api.ApiProblem;
import org.saathi.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/check-ins/batch}: 200 with a result per item, in the order sent. */
@RestController
class CheckInBatchController {

    private final CheckInBatch batch;
    private final Idempotency idempotency;
    private final IngestSettings settings;
    private final IngestMetrics metrics;

    CheckInBatchController(CheckInBatch batch, Idempotency idempotency, IngestSettings settings,
            IngestMetrics metrics) {
        this.batch = batch;
        this.metrics = metrics;
        this.idempotency = idempotency;
        this.settings = settings;
    }

    record BatchRequest(@NotNull List<JsonNode> items) {
    }

    @PostMapping(path = "/api/v1/check-ins/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> record(@Validated @RequestBody BatchRequest request, Authentication authentication,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        if (request.items().isEmpty() || request.items().size() > settings.batchLimit()) {
            throw ApiProblem.invalid("items", "must have 1 to " + settings.batchLimit() + " check-ins");
        }
        Caller caller = Caller.of(authentication);
        return idempotency.once(caller, key, "check-ins/batch", request,
                () -> {
                    CheckInBatch.BatchResponse answer = batch.record(request.items(), caller);
                    metrics.batch(answer);
                    return ResponseEntity.ok(answer);
                });
    }
}

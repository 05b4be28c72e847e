package org.saathi.ingest;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Facts")
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

    record BatchRequest(@NotNull @ArraySchema(schema = @Schema(implementation = CheckInRequest.class), maxItems = 1000)
            List<JsonNode> items) {
    }

    @PostMapping(path = "/api/v1/check-ins/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "recordCheckInBatch", summary = "Record up to 1,000 check-ins at once",
            description = "Each item is CREATED, DUPLICATE or REJECTED on its own, with the problem of a rejected "
                    + "item; one bad item does not stop the others.")
    @ApiResponse(responseCode = "200", description = "A result per item, in the order sent.",
            content = @Content(schema = @Schema(implementation = CheckInBatch.BatchResponse.class)))
    @ApiResponse(responseCode = "422", description = "The `Idempotency-Key` was used before with another body "
            + "(`urn:saathi:problem:idempotency-key-reused`).")
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

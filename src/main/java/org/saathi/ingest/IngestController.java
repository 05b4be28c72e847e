package org.saathi.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.saathi.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 201 for a new fact, 200 with {@code duplicate: true} for one received before. */
@RestController
@RequestMapping(path = "/api/v1", consumes = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Facts", description = "Check-ins, attendance, screenings and peer concerns from integrations")
class IngestController {

    private final Ingestion ingestion;
    private final Idempotency idempotency;

    IngestController(Ingestion ingestion, Idempotency idempotency) {
        this.ingestion = ingestion;
        this.idempotency = idempotency;
    }

    @PostMapping("/check-ins")
    @Operation(operationId = "recordCheckIn", summary = "Record a daily check-in")
    @FactAnswers
    @ApiResponse(responseCode = "422", description = "The `Idempotency-Key` was used before with another body "
            + "(`urn:saathi:problem:idempotency-key-reused`).")
    ResponseEntity<?> checkIn(@Valid @RequestBody CheckInRequest request, Authentication authentication,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        Caller caller = Caller.of(authentication);
        return idempotency.once(caller, key, "check-ins", request,
                () -> respond(ingestion.checkIn(request, caller)));
    }

    @PostMapping("/attendance")
    @Operation(operationId = "recordAttendance", summary = "Record attendance at a session")
    @FactAnswers
    @ApiResponse(responseCode = "422", description = "The `Idempotency-Key` was used before with another body "
            + "(`urn:saathi:problem:idempotency-key-reused`), or the group is unknown "
            + "(`urn:saathi:problem:unknown-reference`).")
    ResponseEntity<?> attendance(@Valid @RequestBody AttendanceRequest request, Authentication authentication,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        Caller caller = Caller.of(authentication);
        return idempotency.once(caller, key, "attendance", request,
                () -> respond(ingestion.attendance(request, caller)));
    }

    @PostMapping("/screenings")
    @Operation(operationId = "recordScreening",
            summary = "Record a screening (PHQ-9, BAM, drug screen); the answer has the computed scores")
    @FactAnswers
    @ApiResponse(responseCode = "422", description = "The `Idempotency-Key` was used before with another body "
            + "(`urn:saathi:problem:idempotency-key-reused`).")
    ResponseEntity<?> screening(@Valid @RequestBody ScreeningRequest request, Authentication authentication,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        Caller caller = Caller.of(authentication);
        return idempotency.once(caller, key, "screenings", request,
                () -> respond(ingestion.screening(request, caller)));
    }

    @PostMapping("/peer-concerns")
    @Operation(operationId = "recordPeerConcern", summary = "Record a peer concern")
    @FactAnswers
    @ApiResponse(responseCode = "422", description = "The `Idempotency-Key` was used before with another body "
            + "(`urn:saathi:problem:idempotency-key-reused`).")
    ResponseEntity<?> peerConcern(@Valid @RequestBody PeerConcernRequest request, Authentication authentication,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        Caller caller = Caller.of(authentication);
        return idempotency.once(caller, key, "peer-concerns", request,
                () -> respond(ingestion.peerConcern(request, caller)));
    }

    private static ResponseEntity<FactResponse> respond(FactResponse response) {
        return ResponseEntity.status(response.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(response);
    }
}

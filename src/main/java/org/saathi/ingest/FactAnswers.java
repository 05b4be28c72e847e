package org.saathi.ingest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** The answers every fact endpoint gives, for the API documents: written once for all four. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "201", description = "Recorded; `alerts` lists the alerts it raised.",
        content = @Content(schema = @Schema(implementation = FactResponse.class)))
@ApiResponse(responseCode = "200", description = "Received before (the same `Idempotency-Key` and body, or "
        + "the same participant, time and source): the first answer, with `duplicate: true`.",
        content = @Content(schema = @Schema(implementation = FactResponse.class)))
@ApiResponse(responseCode = "404", description = "No such participant.")
@ApiResponse(responseCode = "409", description = "The participant is discharged "
        + "(`urn:saathi:problem:participant-discharged`).")
@interface FactAnswers {
}

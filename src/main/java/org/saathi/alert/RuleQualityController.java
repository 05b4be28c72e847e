package org.saathi.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.saathi.api.ApiProblem;
import org.saathi.api.TimeText;
import org.saathi.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rule quality from live outcomes, for a clinical lead deciding which rule earns its alerts. */
@RestController
@Tag(name = "Rules", description = "The active rule set")
class RuleQualityController {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(90);

    private final RuleQuality quality;
    private final Clock clock;

    RuleQualityController(RuleQuality quality, Clock clock) {
        this.quality = quality;
        this.clock = clock;
    }

    @GetMapping("/api/v1/rules/quality")
    @Operation(operationId = "getRuleQuality", summary = "Per rule and severity: alerts, acknowledgements, outcomes "
            + "and relapses within 14 days",
            description = "Counts the alerts raised in the period that the caller may see: supervisors and admins "
                    + "their caseload, a metrics key its programme (or every programme). The period is widened to "
                    + "whole days in the programme's time zone and must then span at least 7 days. Aggregates only; "
                    + "a rule and severity with fewer than 5 alerts, or alerts of fewer than 5 participants, shows "
                    + "its count alone (`withheld`). A relapse is use reported on a check-in, a confirmed drug "
                    + "screen positive beyond the participant's prescribed medication, or an alert resolved "
                    + "RELAPSE_CONFIRMED.")
    @ApiResponse(responseCode = "200", description = "The figures, one row per rule and severity that alerted.")
    @ApiResponse(responseCode = "400", description = "A time that is not ISO-8601 with an offset, `from` not before "
            + "`to`, a period over 366 days, or under 7 whole days.")
    @ApiResponse(responseCode = "404", description = "No such programme within the caller's reach.")
    RuleQualityReport quality(
            @Parameter(description = "Start of the period, such as 2026-03-01T00:00:00+05:30; default 90 days before to")
            @RequestParam(required = false) String from,
            @Parameter(description = "End of the period (not included); default now")
            @RequestParam(required = false) String to,
            @Parameter(description = "Only this programme's alerts")
            @RequestParam(required = false) String programmeId,
            Authentication authentication) {
        Instant end = time("to", to).orElseGet(clock::instant);
        Instant start = time("from", from).orElseGet(() -> end.minus(DEFAULT_PERIOD));
        return quality.of(Caller.of(authentication), start, end, Optional.ofNullable(programmeId));
    }

    private static Optional<Instant> time(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        // an offset's '+' sent unencoded in a query string arrives as a space
        return Optional.of(TimeText.parse(value.replace(' ', '+'))
                .orElseThrow(() -> ApiProblem.invalid(field, TimeText.EXPECTED)));
    }
}

package org.saathi.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.saathi.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/participants/{id}/timeline}: the last 28 days unless a period is asked for. */
@RestController
@Tag(name = "Participants")
class ParticipantTimelineController {

    record TimelineResponse(String participantId, Instant from, Instant to, List<ParticipantTimeline.Item> items,
            boolean truncated) {
    }

    private final ParticipantTimeline timeline;
    private final java.time.Clock clock;

    ParticipantTimelineController(ParticipantTimeline timeline, java.time.Clock clock) {
        this.timeline = timeline;
        this.clock = clock;
    }

    @GetMapping("/api/v1/participants/{id}/timeline")
    @Operation(operationId = "getParticipantTimeline",
            summary = "A participant's facts, signals and alerts in time order",
            description = "The last 28 days unless `from` and `to` ask for another period (at most 366 days).")
    @ApiResponse(responseCode = "200", description = "The timeline; `truncated` when the period holds too much.")
    @ApiResponse(responseCode = "404", description = "No such participant in your caseload.")
    TimelineResponse timeline(@PathVariable String id, @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to, Authentication authentication) {
        ExternalIds.require("id", id);
        Instant end = to == null ? clock.instant() : to.toInstant();
        Instant start = from == null ? end.minus(Duration.ofDays(28)) : from.toInstant();
        if (!start.isBefore(end)) {
            throw ApiProblem.invalid("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(ParticipantTimeline.LONGEST) > 0) {
            throw ApiProblem.invalid("from", "must be at most 366 days before to");
        }
        return timeline.of(Caller.of(authentication), id, start, end)
                .map(found -> new TimelineResponse(id, found.from(), found.to(), found.items(), found.truncated()))
                .orElseThrow(() -> ApiProblem.notFound("There is no participant " + id + " in your caseload."));
    }
}

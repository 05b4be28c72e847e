package org.saathi.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.saathi.alert.RaisedAlert;
import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.api.JsonProblems;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;
import org.saathi.roster.Roster;
import org.saathi.security.Caller;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many check-ins in one request, each judged on its own: a bad item is rejected with its problem
 * and the others are still recorded. All participants of the batch are locked up front, in id order,
 * and each participant with new check-ins is evaluated once, after all of them are stored, the
 * batch's participants together (their windows and alerts read at once).
 */
@Service
class CheckInBatch {

    enum ItemStatus { CREATED, DUPLICATE, REJECTED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemResult(int index, ItemStatus status, UUID id, ProblemDetail problem) {
    }

    /** {@code alerts}: those the batch raised or changed, for all its participants. */
    record BatchResponse(List<ItemResult> results, int created, int duplicates, int rejected,
            List<RaisedAlert> alerts) {
    }

    private record Parsed(int index, CheckInRequest request) {
    }

    private final Ingestion ingestion;
    private final Roster roster;
    private final Validator validator;
    private final JsonMapper json;

    CheckInBatch(Ingestion ingestion, Roster roster, Validator validator, JsonMapper json) {
        this.ingestion = ingestion;
        this.roster = roster;
        this.validator = validator;
        this.json = json;
    }

    @Transactional
    BatchResponse record(List<JsonNode> items, Caller caller) {
        List<ItemResult> results = new ArrayList<>();
        List<Parsed> accepted = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            try {
                CheckInRequest request = parse(items.get(index));
                ingestion.checkTime("recordedAt", request.recordedAt());
                accepted.add(new Parsed(index, request));
            } catch (ApiProblem problem) {
                results.add(rejected(index, problem));
            }
        }
        Set<String> participantIds = new TreeSet<>();
        accepted.forEach(parsed -> participantIds.add(parsed.request().participantId()));
        Map<String, ParticipantContext> locked = roster.lockForFacts(participantIds, caller);
        Map<String, Parsed> latestCreated = new TreeMap<>();
        Map<String, FactStore.Stored> latestStored = new TreeMap<>();
        for (Parsed parsed : accepted) {
            String participantId = parsed.request().participantId();
            ParticipantContext participant = locked.get(participantId);
            if (participant == null) {
                results.add(rejected(parsed.index(), Ingestion.unknownParticipant(participantId)));
            } else if (participant.status() == ParticipantStatus.DISCHARGED) {
                results.add(rejected(parsed.index(), Ingestion.dischargedParticipant(participantId)));
            } else {
                try {
                    FactStore.Stored stored = ingestion.storeCheckInOfLockedParticipant(parsed.request(), caller);
                    results.add(new ItemResult(parsed.index(),
                            stored.duplicate() ? ItemStatus.DUPLICATE : ItemStatus.CREATED, stored.id(), null));
                    if (!stored.duplicate() && isLater(parsed, latestCreated.get(participantId))) {
                        latestCreated.put(participantId, parsed);
                        latestStored.put(participantId, stored);
                    }
                } catch (ApiProblem conflict) {
                    results.add(rejected(parsed.index(), conflict));
                }
            }
        }
        List<Ingestion.Latest> latest = new ArrayList<>();
        latestCreated.forEach((participantId, parsed) -> latest.add(new Ingestion.Latest(locked.get(participantId),
                latestStored.get(participantId), parsed.request().recordedAt())));
        List<RaisedAlert> alerts = latest.isEmpty() ? List.of() : ingestion.evaluate(latest);
        results.sort(Comparator.comparingInt(ItemResult::index));
        return new BatchResponse(results, count(results, ItemStatus.CREATED), count(results, ItemStatus.DUPLICATE),
                count(results, ItemStatus.REJECTED), alerts);
    }

    private static boolean isLater(Parsed candidate, Parsed current) {
        return current == null || !candidate.request().recordedAt().isBefore(current.request().recordedAt());
    }

    private CheckInRequest parse(JsonNode item) {
        CheckInRequest request;
        try {
            request = json.treeToValue(item, CheckInRequest.class);
        } catch (JacksonException unreadable) {
            throw ApiProblem.invalid(JsonProblems.describe(unreadable));
        }
        if (request == null) {
            throw ApiProblem.invalid("body", "must be a check-in object");
        }
        Set<ConstraintViolation<CheckInRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations.stream()
                    .map(violation -> new FieldProblem(
                            violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", ""),
                            violation.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field))
                    .toList());
        }
        return request;
    }

    private static ItemResult rejected(int index, ApiProblem problem) {
        return new ItemResult(index, ItemStatus.REJECTED, null, problem.toProblemDetail());
    }

    private static int count(List<ItemResult> results, ItemStatus status) {
        return (int) results.stream().filter(result -> result.status() == status).count();
    }
}

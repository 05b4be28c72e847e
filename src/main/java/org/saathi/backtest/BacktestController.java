package org.saathi.backtest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.saathi.api.ApiDocuments;
import org.saathi.api.ApiProblem;
import org.saathi.api.ProblemTypes;
import org.saathi.rules.RuleSets;
import org.saathi.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code /api/v1/rules/backtest}: replay stored history through the active or a candidate rule set.
 * A request waits for the answer, unless it says {@code Prefer: respond-async}: then it is answered
 * at once with where to follow the backtest, which can also be cancelled there.
 */
@RestController
@RequestMapping("/api/v1/rules/backtest")
@Tag(name = "Rules")
class BacktestController {

    private static final String PATH = "/api/v1/rules/backtest/";

    private final Backtests backtests;
    private final RuleSets ruleSets;
    private final BacktestSettings settings;

    BacktestController(Backtests backtests, RuleSets ruleSets, BacktestSettings settings) {
        this.backtests = backtests;
        this.ruleSets = ruleSets;
        this.settings = settings;
    }

    /** A backtest as it stands: running with its progress, or done with its answer. */
    @Schema(name = "Backtest")
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record JobView(UUID id, Job.State state, Instant from, Instant to, String rules, Optional<String> compareWith,
            Instant startedAt, Optional<Instant> finishedAt, int participants, int done, Optional<Result> result,
            @Schema(description = "Why it failed, once FAILED") Optional<String> failure) {

        static JobView of(Job job) {
            return of(job, job.result());
        }

        /**
         * As a canceller sees it: with its answer only for the one who started it. Another may find
         * it already done by the time they are answered, and its answer is not theirs to read.
         */
        static JobView toCanceller(Job job, Caller caller) {
            return job.owner().equals(caller.id()) ? of(job) : listed(job);
        }

        /** Without its answer, for a list: the answer may hold thousands of alerts. */
        static JobView listed(Job job) {
            return of(job, Optional.empty());
        }

        private static JobView of(Job job, Optional<Result> result) {
            BacktestRequest asked = job.request();
            return new JobView(job.id(), job.state(), asked.from(), asked.to(), job.rules(), job.compareWith(),
                    job.startedAt(), job.finishedAt(), job.total(), job.done(), result, job.failure());
        }
    }

    /** The candidate rule sets on the server, and your backtests that are kept (each without its answer). */
    @Schema(name = "Backtests")
    record Overview(List<String> candidates, List<JobView> backtests) {
    }

    @PostMapping
    @Operation(operationId = "runBacktest", summary = "Replay history through a rule set, as of each moment",
            description = "Replays the stored facts of the participants named (all active participants of your "
                    + "caseload by default) through the active rule set, or a candidate folder on the server, "
                    + "evaluating as of every moment a fact arrived and at every `step`, with the live service's "
                    + "deduplication, inhibition and escalation. Nothing is written and nothing is sent. With "
                    + "`Prefer: respond-async` the answer is a 202 with a `Location` to follow.")
    @ApiResponse(responseCode = "200", description = "The backtest's answer.",
            content = @Content(schema = @Schema(implementation = Result.class)))
    @ApiResponse(responseCode = "202", description = "Started; follow it at `Location`.",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "409", description = "The backtest was cancelled before it finished.")
    @ApiResponse(responseCode = "422", description = "A participant not in your caseload, more evaluations "
            + "(participants × steps) than this server allows, a candidate that does not exist, or one that does not "
            + "compile: `errors` names the field, or the file and line.",
            content = @Content(mediaType = ApiDocuments.PROBLEM_JSON,
                    schema = @Schema(ref = "#/components/schemas/" + ApiDocuments.RULE_SET_PROBLEM)))
    @ApiResponse(responseCode = "429", description = "Another backtest is running, on this or another instance of "
            + "the service.")
    @ApiResponse(responseCode = "503", description = "It failed, or did not finish within the time a request may "
            + "wait (`SAATHI_BACKTEST_LONGEST_WAIT`) and was cancelled.")
    DeferredResult<ResponseEntity<Object>> run(@RequestBody BacktestRequest request,
            @Parameter(description = "respond-async: answer at once with where to follow the backtest")
            @RequestHeader(name = "Prefer", required = false) String prefer, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Backtests.Started started = backtests.run(caller, request);
        Job job = started.job();
        URI location = URI.create(PATH + job.id());
        // Waited for off the request thread, and for a bounded time: a client that hangs up is not told
        // apart from one that waits, so the wait's end cancels a backtest nobody may be reading.
        DeferredResult<ResponseEntity<Object>> answer = new DeferredResult<>(settings.longestWait().toMillis());
        if (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
            answer.setResult(ResponseEntity.accepted().location(location).body(JobView.of(job)));
            return answer;
        }
        answer.onTimeout(() -> {
            backtests.abandoned(caller, job, "the wait for it ended after " + settings.longestWait());
            answer.setErrorResult(waitEnded(job));
        });
        answer.onError(failed -> backtests.abandoned(caller, job, "the client that waited for it went away"));
        started.ended().thenAccept(ended -> answer.setResult(ended.result()
                .<ResponseEntity<Object>>map(result -> ResponseEntity.ok()
                        .header("Content-Location", location.toString()).body(result))
                .orElseGet(() -> ended(ended))));
        return answer;
    }

    @GetMapping
    @Operation(operationId = "listBacktests", summary = "The candidate rule sets, and your backtests still kept")
    Overview overview(Authentication authentication) {
        return new Overview(ruleSets.candidates(),
                backtests.of(Caller.of(authentication)).stream().map(JobView::listed).toList());
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getBacktest", summary = "A backtest you started: its progress, or its answer",
            description = "Answered by any instance of the service, whichever runs the backtest.")
    @ApiResponse(responseCode = "200", description = "Its state and progress; `result` once it is done.")
    @ApiResponse(responseCode = "404", description = "No such backtest of yours, or it is no longer kept.")
    JobView get(@PathVariable UUID id, Authentication authentication) {
        return backtests.find(Caller.of(authentication), id).map(JobView::of).orElseThrow(BacktestController::notFound);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "cancelBacktest", summary = "Cancel a backtest you started",
            description = "It stops within moments; a backtest already done is left as it is.")
    @ApiResponse(responseCode = "200", description = "The backtest as it stands; its state turns CANCELLED. "
            + "`result` only for the one who started it.")
    @ApiResponse(responseCode = "404", description = "No such backtest of yours, or it is no longer kept.")
    JobView cancel(@PathVariable UUID id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return backtests.cancel(caller, id).map(job -> JobView.toCanceller(job, caller))
                .orElseThrow(BacktestController::notFound);
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("There is no backtest of yours with that id; finished ones are kept for a while.");
    }

    private static ResponseEntity<Object> ended(Job job) {
        ProblemDetail problem = job.state() == Job.State.CANCELLED
                ? ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The backtest was cancelled after "
                        + job.done() + " of " + job.total() + " participants.")
                : ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The backtest failed after "
                        + job.done() + " of " + job.total() + " participants. "
                        + job.failure().orElse(Job.FAILED_WHERE_IT_RAN));
        problem.setType(ProblemTypes.of(job.state() == Job.State.CANCELLED ? "backtest-cancelled" : "backtest-failed"));
        problem.setTitle(job.state() == Job.State.CANCELLED ? "Backtest cancelled" : "Backtest failed");
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private ResponseEntity<Object> waitEnded(Job job) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The backtest "
                + "did not finish within " + settings.longestWait() + " (" + job.done() + " of " + job.total()
                + " participants) and was cancelled; ask with Prefer: respond-async to follow a longer one.");
        problem.setType(ProblemTypes.of("backtest-wait-ended"));
        problem.setTitle("Backtest took longer than a request may wait");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }

    @ExceptionHandler(CandidateInvalid.class)
    ResponseEntity<ProblemDetail> invalid(CandidateInvalid invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The rule set named by " + invalid.field() + " has " + invalid.problems().size()
                        + " problem(s); nothing was replayed.");
        problem.setType(ProblemTypes.of("rule-set-invalid"));
        problem.setTitle("Rule set does not compile");
        problem.setProperty("field", invalid.field());
        problem.setProperty("errors", invalid.problems());
        return ResponseEntity.unprocessableContent().body(problem);
    }
}

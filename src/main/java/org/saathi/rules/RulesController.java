package org.saathi.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.saathi.api.ApiDocuments;
import org.saathi.api.ProblemTypes;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The active rule set, and reloading it from disk. Rules are never uploaded: DRL consequences run
 * code, so they change only on the server's disk, by deployment.
 */
@RestController
@RequestMapping("/api/v1/rules")
@Tag(name = "Rules", description = "The active rule set")
class RulesController {

    private final ActiveRuleSet rules;
    private final RuleSetsInUse inUse;
    private final Audit audit;

    RulesController(ActiveRuleSet rules, RuleSetsInUse inUse, Audit audit) {
        this.rules = rules;
        this.inUse = inUse;
        this.audit = audit;
    }

    /** The active rule set, and the versions the live instances on this database run. */
    @Schema(name = "ActiveRuleSet")
    record Active(@JsonUnwrapped RuleSetView ruleSet, RuleSetsInUse.Versions inUse) {
    }

    record Reloaded(String version, String previousVersion, int rules, int scenarios) {
    }

    @GetMapping
    @Operation(operationId = "getRules",
            summary = "The active rule set: version, and its rules with ids, names and files",
            description = "`inUse` lists the rule-set versions the live instances on this database run; `differ` is "
                    + "true while they run more than one, as during a deployment or after a reload on one instance.")
    Active active() {
        return new Active(RuleSetView.of(rules.current()), inUse.now());
    }

    @PostMapping("/reload")
    @Operation(operationId = "reloadRules", summary = "Load the rule set from the server's disk",
            description = "Compiles the rules and runs their scenario tests; only then does the new set replace the "
                    + "active one.")
    @ApiResponse(responseCode = "200", description = "Loaded; the new and previous versions.")
    @ApiResponse(responseCode = "422", description = "The rule set on disk does not compile or fails a scenario; the "
            + "active set is unchanged. `errors` names each file and line.",
            content = @Content(mediaType = ApiDocuments.PROBLEM_JSON,
                    schema = @Schema(ref = "#/components/schemas/" + ApiDocuments.RULE_SET_PROBLEM)))
    Reloaded reload(Authentication authentication) {
        String previous = rules.current().version();
        CompiledRuleSet loaded;
        try {
            loaded = rules.reload();
        } catch (RuleSetInvalid refused) {
            audit.record(Caller.of(authentication), Audit.Action.RULES_RELOAD_REFUSED, null, previous);
            throw refused;
        }
        audit.record(Caller.of(authentication), Audit.Action.RULES_RELOADED, null, loaded.version());
        return new Reloaded(loaded.version(), previous, loaded.rules().size(), loaded.scenarios().size());
    }

    @ExceptionHandler(RuleSetInvalid.class)
    ResponseEntity<ProblemDetail> invalid(RuleSetInvalid invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The rule set on disk has " + invalid.problems().size() + " problem(s); the active rule set "
                        + rules.current().version() + " is unchanged.");
        problem.setType(ProblemTypes.of("rule-set-invalid"));
        problem.setTitle("Rule set not loaded");
        problem.setProperty("errors", invalid.problems());
        return ResponseEntity.unprocessableContent().body(problem);
    }
}

package org.saathi.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
class RulesController {

    private final ActiveRuleSet rules;
    private final Audit audit;

    RulesController(ActiveRuleSet rules, Audit audit) {
        this.rules = rules;
        this.audit = audit;
    }

    record Reloaded(String version, String previousVersion, int rules, int scenarios) {
    }

    @GetMapping
    RuleSetView active() {
        return RuleSetView.of(rules.current());
    }

    @PostMapping("/reload")
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

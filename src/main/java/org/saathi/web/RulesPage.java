package org.saathi.web;

import java.time.Clock;
import java.util.Optional;

import org.saathi.alert.RuleQuality;
import org.saathi.rules.RuleCatalogue;
import org.saathi.security.StaffRole;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The active rule set: its version, and each rule with its id, name and file; below it, how each
 * rule fared over a period, counted over the viewer's caseload.
 */
@Controller
class RulesPage {

    private final RuleCatalogue rules;
    private final RuleQuality quality;
    private final Clock clock;

    RulesPage(RuleCatalogue rules, RuleQuality quality, Clock clock) {
        this.rules = rules;
        this.quality = quality;
        this.clock = clock;
    }

    @GetMapping("/rules")
    ModelAndView rules(@RequestParam Optional<String> from, @RequestParam Optional<String> to, Viewer viewer) {
        ModelAndView page = new ModelAndView("rules");
        page.addObject("rules", rules.active());
        // Rule quality: a period chooser and the table of figures, a block of its own on the page,
        // for those who judge rules (supervisors and admins), not for every member of staff.
        if (!viewer.caller().hasRole(StaffRole.SUPERVISOR) && !viewer.caller().hasRole(StaffRole.ADMIN)) {
            return page;
        }
        QualityPeriod defaults = QualityPeriod.defaults(clock.instant(), viewer.zone());
        QualityPeriod period = new QualityPeriod(from.orElse(defaults.from()), to.orElse(defaults.to()));
        QualityPeriod.Parsed parsed = period.parse(viewer.zone());
        page.addObject("period", period);
        page.addObject("periodProblems", parsed.problems());
        if (parsed.problems().isEmpty()) {
            page.addObject("quality", QualityTable.of(quality.of(viewer.caller(), parsed.from().orElseThrow(),
                    parsed.to().orElseThrow(), Optional.empty())));
        } else {
            page.setStatus(HttpStatus.BAD_REQUEST);
        }
        return page;
    }
}

package org.saathi.web;

import org.saathi.rules.RuleCatalogue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The active rule set: its version, and each rule with its id, name and file. */
@Controller
class RulesPage {

    private final RuleCatalogue rules;

    RulesPage(RuleCatalogue rules) {
        this.rules = rules;
    }

    @GetMapping("/rules")
    String rules(Model model) {
        model.addAttribute("rules", rules.active());
        return "rules";
    }
}

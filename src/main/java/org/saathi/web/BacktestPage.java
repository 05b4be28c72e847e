package org.saathi.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.saathi.api.ApiProblem;
import org.saathi.backtest.Backtests;
import org.saathi.backtest.CandidateInvalid;
import org.saathi.backtest.Job;
import org.saathi.backtest.Result;
import org.saathi.roster.Roster;
import org.saathi.roster.StaffContact;
import org.saathi.rules.RuleCatalogue;
import org.saathi.rules.RuleInfo;
import org.saathi.rules.RuleSets;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backtests for supervisors and admins: a form to start one over their caseload, their backtests
 * still kept, and one backtest's progress, then its answer as charts and tables. The running page
 * asks for its progress by itself and is given the answer in place once it is done.
 */
@Controller
@RequestMapping("/rules/backtest")
class BacktestPage {

    /** A backtest as its page shows it; the rule sets it replayed once it is done. */
    record JobView(UUID id, String state, Instant startedAt, Optional<Instant> finishedAt, int done, int total,
            Optional<String> rules) {

        static JobView of(Job job) {
            Optional<String> rules = job.state() != Job.State.DONE ? Optional.empty()
                    : Optional.of(BacktestReport.label(job.rules())
                            + job.compareWith().map(other -> " against " + BacktestReport.label(other)).orElse(""));
            return new JobView(job.id(), job.state().name(), job.startedAt(), job.finishedAt(), job.done(),
                    job.total(), rules);
        }

        /** Without anything of its answer, for someone who did not start it and may only cancel it. */
        static JobView listed(Job job) {
            return new JobView(job.id(), job.state().name(), job.startedAt(), job.finishedAt(), job.done(),
                    job.total(), Optional.empty());
        }

        public boolean running() {
            return Job.State.RUNNING.name().equals(state);
        }

        /** A {@code <progress>} needs a maximum above zero, even for a caseload without anyone in it. */
        public int most() {
            return Math.max(1, total);
        }
    }

    private final Backtests backtests;
    private final RuleSets ruleSets;
    private final RuleCatalogue catalogue;
    private final Roster roster;
    private final JsonMapper json;
    private final Clock clock;

    BacktestPage(Backtests backtests, RuleSets ruleSets, RuleCatalogue catalogue, Roster roster, JsonMapper json,
            Clock clock) {
        this.backtests = backtests;
        this.ruleSets = ruleSets;
        this.catalogue = catalogue;
        this.roster = roster;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping
    ModelAndView form(Viewer viewer) {
        return form(BacktestForm.defaults(clock.instant(), viewer.zone()), FormProblems.NONE, HttpStatus.OK, viewer);
    }

    @PostMapping
    ModelAndView start(BacktestForm form, Viewer viewer) {
        BacktestForm.Parsed parsed = form.parse(viewer.zone());
        if (parsed.request().isEmpty()) {
            return form(form, parsed.problems(), HttpStatus.BAD_REQUEST, viewer);
        }
        try {
            Job job = backtests.start(viewer.caller(), parsed.request().get());
            return seeOther("/rules/backtest/" + job.id());
        } catch (ApiProblem problem) {
            return form(form, FormProblems.of(problem), problem.status(), viewer);
        } catch (CandidateInvalid invalid) {
            return form(form, FormProblems.of(invalid), HttpStatus.UNPROCESSABLE_CONTENT, viewer);
        }
    }

    @GetMapping("/{id}")
    String backtest(@PathVariable String id, Viewer viewer, Model model) {
        fill(find(viewer, id), model);
        return "backtest-job";
    }

    /**
     * The page's own refresh: the progress while the backtest runs; once it has ended, the answer,
     * which htmx is told to put in place of the whole running section, so the polling stops.
     */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable String id, Viewer viewer, Model model, HttpServletResponse response) {
        JobView job = fill(find(viewer, id), model);
        if (job.running()) {
            return "backtest-job :: progress";
        }
        response.setHeader("HX-Retarget", "#backtest");
        response.setHeader("HX-Reswap", "outerHTML");
        return "backtest-job :: outcome";
    }

    /** The one who started it goes back to its page; a supervisor or admin who stopped another's, to the form. */
    @PostMapping("/{id}/cancel")
    ModelAndView cancel(@PathVariable String id, Viewer viewer) {
        Job job = backtests.cancel(viewer.caller(), parse(id)).orElseThrow(BacktestPage::notFound);
        boolean theirs = backtests.find(viewer.caller(), job.id()).isPresent();
        return seeOther(theirs ? "/rules/backtest/" + job.id() : "/rules/backtest");
    }

    private ModelAndView form(BacktestForm form, FormProblems problems, HttpStatusCode status, Viewer viewer) {
        ModelAndView page = new ModelAndView("backtest");
        page.setStatus(status);
        page.addObject("form", form);
        page.addObject("problems", problems);
        page.addObject("candidates", ruleSets.candidates());
        page.addObject("activeVersion", catalogue.active().version());
        page.addObject("kept", backtests.of(viewer.caller()).stream().map(JobView::of).toList());
        page.addObject("others", backtests.othersCancellable(viewer.caller()).stream().map(JobView::listed).toList());
        return page;
    }

    private JobView fill(Job job, Model model) {
        JobView view = JobView.of(job);
        model.addAttribute("job", view);
        if (view.state().equals(Job.State.DONE.name())) {
            model.addAttribute("report", report(job.result().orElseThrow()));
        }
        return view;
    }

    private BacktestReport report(Result result) {
        Map<String, String> ruleNames = catalogue.active().rules().stream()
                .collect(Collectors.toMap(RuleInfo::id, RuleInfo::name, (first, second) -> first));
        // The chart's data goes in an attribute, not a JSON script block as on the participant page: the
        // answer can arrive through htmx, which drops every <script> from what it puts in place (allowScriptTags).
        return BacktestReport.of(result, ruleNames,
                staffId -> roster.contact(staffId).map(StaffContact::name).orElse(staffId), json::writeValueAsString);
    }

    private Job find(Viewer viewer, String id) {
        return backtests.find(viewer.caller(), parse(id)).orElseThrow(BacktestPage::notFound);
    }

    private static ModelAndView seeOther(String path) {
        RedirectView redirect = new RedirectView(path, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        redirect.setExposeModelAttributes(false);
        return new ModelAndView(redirect);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw notFound();
        }
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("There is no backtest of yours with that id; finished ones are kept for a while.");
    }
}

package org.saathi.rules;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.saathi.facts.Signal;
import org.saathi.roster.ThresholdCatalogue;

/**
 * Reads a rules folder and makes a rule set of it, or says everything that is wrong with it: DRL
 * that does not compile, a rule without an id, a threshold a rule uses that is not defined, a rule
 * without what to do for a severity it raises, a scenario file that does not parse, a scenario that
 * fails, a rule without scenarios.
 */
final class RuleSetLoader {

    private static final Pattern THRESHOLD_USE = Pattern.compile("key\\s*==\\s*\"([^\"]+)\"");

    private RuleSetLoader() {
    }

    /** Compiles and checks the folder; throws {@link RuleSetInvalid} with every problem found. */
    static CompiledRuleSet load(Path directory, Duration window, Duration baseline, Instant now) {
        CompiledRuleSet compiled = compile(directory, window, baseline, now);
        List<RuleSetProblem> failures = check(compiled);
        if (!failures.isEmpty()) {
            throw new RuleSetInvalid(failures);
        }
        return compiled;
    }

    /** Compiles without running the scenarios. */
    static CompiledRuleSet compile(Path directory, Duration window, Duration baseline, Instant now) {
        return compile(RuleSetFiles.read(directory), window, baseline, now);
    }

    /** Compiles files already read, so that the set compiled is the version they were read as. */
    static CompiledRuleSet compile(RuleSetFiles files, Duration window, Duration baseline, Instant now) {
        List<RuleSetProblem> problems = new ArrayList<>();
        String thresholdsText = files.files().get(RuleSetFiles.THRESHOLDS);
        Map<String, ThresholdCatalogue.Spec> thresholds = thresholdsText == null ? Map.of()
                : RuleSetYaml.thresholds(RuleSetFiles.THRESHOLDS, thresholdsText, problems);
        if (thresholdsText == null) {
            problems.add(new RuleSetProblem(RuleSetFiles.THRESHOLDS, null, "is missing: rules need their thresholds"));
        }
        DeteriorationTable deterioration = deterioration(files, thresholds, problems);
        KieBase base = DrlCompiler.compile(files, problems);
        List<RuleInfo> rules = base == null ? List.of() : rules(base, files, problems);
        checkThresholdUses(files, thresholds, problems);
        ResponseTable responses = responses(files, rules, base != null, problems);
        List<Scenario.Located> scenarios = new ArrayList<>();
        files.matching("tests", ".yaml").forEach(file ->
                scenarios.addAll(RuleSetYaml.scenarios(file.getKey(), file.getValue(), problems)));
        if (!problems.isEmpty()) {
            throw new RuleSetInvalid(problems);
        }
        return new CompiledRuleSet(files.version(), now, base, rules, thresholds, responses, scenarios, window,
                baseline, deterioration);
    }

    /**
     * The domain table of the combined deterioration score. A rule set without one scores nothing;
     * one whose rules read domain scores must have it, or they would never fire.
     */
    private static DeteriorationTable deterioration(RuleSetFiles files, Map<String, ?> thresholds,
            List<RuleSetProblem> problems) {
        String text = files.files().get(RuleSetFiles.DETERIORATION);
        if (text == null) {
            files.files().entrySet().stream().filter(file -> file.getKey().endsWith(".drl"))
                    .filter(file -> file.getValue().contains("DomainScore")).findFirst()
                    .ifPresent(file -> problems.add(new RuleSetProblem(RuleSetFiles.DETERIORATION, null,
                            "is missing: " + file.getKey() + " reads domain scores, which come from its table")));
            return DeteriorationTable.NONE;
        }
        for (String key : List.of(Window.RECENT_DAYS, Window.BASELINE_MIN_CHECK_INS)) {
            if (!thresholds.isEmpty() && !thresholds.containsKey(key)) {
                problems.add(new RuleSetProblem(RuleSetFiles.DETERIORATION, 1, "reads threshold \"" + key
                        + "\", which is not defined in thresholds.yaml"));
            }
        }
        return DeteriorationYaml.parse(RuleSetFiles.DETERIORATION, text, problems);
    }

    /** Runs every scenario; also refuses a signal rule that no scenario shows firing and not firing. */
    static List<RuleSetProblem> check(CompiledRuleSet rules) {
        List<RuleSetProblem> failures = new ArrayList<>();
        Set<String> firing = new TreeSet<>();
        Set<String> nearMiss = new TreeSet<>();
        for (Scenario.Located located : rules.scenarios()) {
            located.scenario().expect().forEach(expected -> firing.add(expected.rule()));
            nearMiss.addAll(located.scenario().expectNot());
            List<String> scenarioFailures;
            try {
                scenarioFailures = ScenarioRunner.run(rules, located.scenario());
            } catch (RuntimeException failed) {
                scenarioFailures = List.of(describe(failed));
            }
            for (String failure : scenarioFailures) {
                failures.add(new RuleSetProblem(located.file(), located.line(),
                        "scenario '" + located.scenario().name() + "': " + failure));
            }
        }
        rules.rules().stream().filter(rule -> rule.file().startsWith("signals/"))
                .map(RuleInfo::id).distinct().sorted().forEach(id -> {
                    RuleInfo first = rules.rules().stream().filter(rule -> rule.id().equals(id)).findFirst().get();
                    if (!firing.contains(id)) {
                        failures.add(new RuleSetProblem(first.file(), first.line(),
                                id + " has no scenario in which it fires"));
                    }
                    if (!nearMiss.contains(id)) {
                        failures.add(new RuleSetProblem(first.file(), first.line(),
                                id + " has no near-miss scenario in which it does not fire (expectNot)"));
                    }
                });
        return failures;
    }

    private static final Pattern FAILED_RULE = Pattern.compile("consequence for rule \"([^\"]+)\"");

    /** A rule that failed while running, in a rule author's words: which rule, and what went wrong. */
    static String describe(RuntimeException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        Matcher rule = FAILED_RULE.matcher(String.valueOf(failure.getMessage()));
        String what = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return rule.find() ? "rule \"" + rule.group(1) + "\" failed while running its 'then' part: " + what
                : "evaluation failed: " + what;
    }

    private static List<RuleInfo> rules(KieBase base, RuleSetFiles files, List<RuleSetProblem> problems) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage kiePackage : base.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RuleSetProblem where = locate(rule.getName(), files);
                if (!Signal.hasId(rule.getName())) {
                    problems.add(new RuleSetProblem(where.file(), where.line(), "rule \"" + rule.getName()
                            + "\" needs a stable id before its name, such as \"CHK-007 " + rule.getName() + "\""));
                    continue;
                }
                rules.add(new RuleInfo(Signal.idOf(rule.getName()), rule.getName(), where.file(), where.line()));
            }
        }
        rules.sort(Comparator.comparing(RuleInfo::id).thenComparing(RuleInfo::name));
        return rules;
    }

    private static RuleSetProblem locate(String ruleName, RuleSetFiles files) {
        String declaration = "rule \"" + ruleName + "\"";
        for (Map.Entry<String, String> file : files.files().entrySet()) {
            String[] lines = file.getValue().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().startsWith(declaration)) {
                    return new RuleSetProblem(file.getKey(), i + 1, "");
                }
            }
        }
        return new RuleSetProblem("signals", null, "");
    }

    private static ResponseTable responses(RuleSetFiles files, List<RuleInfo> rules, boolean compiled,
            List<RuleSetProblem> problems) {
        String text = files.files().get(RuleSetFiles.RESPONSES);
        if (text == null) {
            problems.add(new RuleSetProblem(RuleSetFiles.RESPONSES, null,
                    "is missing: every rule needs what to do about its alerts"));
            return ResponseTable.NONE;
        }
        ResponseTable responses = ResponsesFile.read(text, problems);
        if (compiled) {
            ResponsesFile.check(responses, rules, files, text, problems);
        }
        return responses;
    }

    /** A rule that names an undefined threshold would never fire: that is an error, not a quiet no. */
    private static void checkThresholdUses(RuleSetFiles files, Map<String, ?> thresholds,
            List<RuleSetProblem> problems) {
        List<Map.Entry<String, String>> drl = new ArrayList<>(files.matching("signals", ".drl"));
        drl.addAll(files.matching("escalation", ".drl"));
        for (Map.Entry<String, String> file : drl) {
            String[] lines = file.getValue().split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher use = THRESHOLD_USE.matcher(lines[i]);
                while (use.find()) {
                    if (!thresholds.containsKey(use.group(1))) {
                        problems.add(new RuleSetProblem(file.getKey(), i + 1, "threshold \"" + use.group(1)
                                + "\" is not defined in thresholds.yaml"));
                    }
                }
            }
        }
    }
}

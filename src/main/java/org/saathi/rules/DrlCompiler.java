package org.saathi.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Compiles the DRL files of a rule set with Drools' executable model. Every error is reported
 * against the rule author's file and line, also when Drools reports it against the Java code it
 * generated from a rule.
 */
final class DrlCompiler {

    /** DRL packages are rules.signals and rules.escalation: their files go where Drools expects them. */
    private static final String RESOURCES = "src/main/resources/rules/";
    private static final String GENERATED_SOURCE = "in error:\n";

    private DrlCompiler() {
    }

    /** The compiled rules, or null with the problems added. */
    static KieBase compile(RuleSetFiles files, List<RuleSetProblem> problems) {
        List<Map.Entry<String, String>> drl = new ArrayList<>(files.matching("signals", ".drl"));
        drl.addAll(files.matching("escalation", ".drl"));
        if (drl.isEmpty()) {
            problems.add(new RuleSetProblem("signals", null, "no .drl files: a rule set needs rules"));
            return null;
        }
        KieServices kie = KieServices.Factory.get();
        KieFileSystem fileSystem = kie.newKieFileSystem();
        ReleaseId release = kie.newReleaseId("org.saathi", "rules-" + files.version() + "-" + UUID.randomUUID(),
                "1.0.0");
        fileSystem.generateAndWritePomXML(release);
        drl.forEach(file -> fileSystem.write(RESOURCES + file.getKey(), file.getValue()));
        KieBuilder builder = kie.newKieBuilder(fileSystem).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            problems.addAll(describe(errors, drl));
            kie.getRepository().removeKieModule(release);
            return null;
        }
        try {
            return kie.newKieContainer(release).getKieBase();
        } finally {
            kie.getRepository().removeKieModule(release);
        }
    }

    private static List<RuleSetProblem> describe(List<Message> errors, List<Map.Entry<String, String>> drl) {
        Map<String, String> generatedSources = new HashMap<>();
        for (Message error : errors) {
            int start = error.getText().indexOf(GENERATED_SOURCE);
            if (start >= 0) {
                generatedSources.put(error.getPath(), error.getText().substring(start + GENERATED_SOURCE.length()));
            }
        }
        List<RuleSetProblem> problems = new ArrayList<>();
        for (Message error : errors) {
            if (error.getText().contains(GENERATED_SOURCE)
                    || (error.getText().startsWith("Parser returned a null Package") && errors.size() > 1)) {
                continue;
            }
            String path = error.getPath() == null ? "" : error.getPath();
            String message = firstLine(error.getText());
            if (path.startsWith(RESOURCES) || !path.startsWith("src/")) {
                String file = authorPath(path);
                Integer line = error.getLine() > 0 ? Integer.valueOf(error.getLine()) : DrlLines.of(file, message, drl);
                problems.add(new RuleSetProblem(file.isEmpty() ? "signals" : file, line, message));
            } else {
                problems.add(locateGenerated(generatedSources.get(path), error.getLine(), message, drl));
            }
        }
        return problems;
    }

    /** Finds the DRL line that a line of generated Java came from: consequences are copied nearly as written. */
    private static RuleSetProblem locateGenerated(String source, int line, String message,
            List<Map.Entry<String, String>> drl) {
        if (source != null && line > 0) {
            String[] generated = source.split("\n");
            String wanted = line <= generated.length ? normalise(generated[line - 1]) : "";
            for (Map.Entry<String, String> file : drl) {
                String[] lines = file.getValue().split("\n");
                for (int i = 0; i < lines.length; i++) {
                    String candidate = normalise(lines[i]);
                    if (candidate.length() >= 8 && (wanted.contains(candidate) || candidate.contains(wanted))
                            && !wanted.isEmpty()) {
                        return new RuleSetProblem(file.getKey(), i + 1, message);
                    }
                }
            }
        }
        return new RuleSetProblem("signals", null, message + " (in a rule's consequence)");
    }

    /** "src/main/resources/rules/signals/x.drl" or "rules/signals/x.drl" → "signals/x.drl". */
    private static String authorPath(String path) {
        String file = path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path;
        return file.startsWith("rules/") ? file.substring("rules/".length()) : file;
    }

    private static String normalise(String code) {
        return code.replaceAll("\\s+", "").replace(";", "");
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}

package org.saathi.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.saathi.api.FieldProblem;
import org.saathi.api.JsonProblems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a rule set's YAML files strictly: a misspelt field or a bad time is an error with its line. */
final class RuleSetYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RuleSetYaml() {
    }

    static Map<String, Double> thresholds(String file, String text, List<RuleSetProblem> problems) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException unreadable) {
            problems.add(problem(file, unreadable));
            return thresholds;
        }
        if (root == null || !root.isObject()) {
            problems.add(new RuleSetProblem(file, 1, "must be a list of 'key: number' lines"));
            return thresholds;
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (entry.getValue().isNumber()) {
                thresholds.put(entry.getKey(), entry.getValue().asDouble());
            } else {
                // still defined, so that rules using it are not reported as well
                thresholds.put(entry.getKey(), Double.NaN);
                problems.add(new RuleSetProblem(file, lineOf(text, "^\\s*" + Pattern.quote(entry.getKey()) + "\\s*:"),
                        "threshold " + entry.getKey() + " must be a number"));
            }
        }
        return thresholds;
    }

    static List<Scenario.Located> scenarios(String file, String text, List<RuleSetProblem> problems) {
        List<Scenario.Located> located = new ArrayList<>();
        Scenario.File parsed;
        try {
            parsed = YAML.readValue(text, Scenario.File.class);
        } catch (JacksonException unreadable) {
            problems.add(problem(file, unreadable));
            return located;
        }
        if (parsed == null || parsed.scenarios() == null || parsed.scenarios().isEmpty()) {
            problems.add(new RuleSetProblem(file, 1, "has no scenarios: start it with 'scenarios:'"));
            return located;
        }
        for (Scenario scenario : parsed.scenarios()) {
            Integer line = lineOf(text, "^\\s*-?\\s*name\\s*:\\s*[\"']?" + Pattern.quote(scenario.name()));
            located.add(new Scenario.Located(file, line, scenario));
        }
        return located;
    }

    private static RuleSetProblem problem(String file, JacksonException failure) {
        FieldProblem field = JsonProblems.describe(failure);
        Integer line = failure.getLocation() == null || failure.getLocation().getLineNr() < 1 ? null
                : failure.getLocation().getLineNr();
        String where = field.field().equals("body") ? "" : field.field() + ": ";
        return new RuleSetProblem(file, line, where + field.message());
    }

    private static Integer lineOf(String text, String regex) {
        Pattern pattern = Pattern.compile(regex);
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (pattern.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return null;
    }
}

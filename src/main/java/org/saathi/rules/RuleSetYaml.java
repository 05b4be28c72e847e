package org.saathi.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.saathi.api.FieldProblem;
import org.saathi.api.JsonProblems;
import org.saathi.roster.ThresholdCatalogue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a rule set's YAML files strictly: a misspelt field or a bad time is an error with its line. */
final class RuleSetYaml {

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RuleSetYaml() {
    }

    /**
     * Each line either {@code key: value}, or {@code key: {value: 8, min: 1, max: 10, integer: true}}
     * to say what a programme may set it to; a plain value may be set to anything from 0 up.
     */
    static Map<String, ThresholdCatalogue.Spec> thresholds(String file, String text, List<RuleSetProblem> problems) {
        Map<String, ThresholdCatalogue.Spec> thresholds = new LinkedHashMap<>();
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
            JsonNode node = entry.getValue();
            ThresholdCatalogue.Spec spec = node.isNumber()
                    ? new ThresholdCatalogue.Spec(node.asDouble(), 0, Double.MAX_VALUE, false)
                    : node.isObject() && node.path("value").isNumber()
                            ? new ThresholdCatalogue.Spec(node.path("value").asDouble(), node.path("min").asDouble(0),
                                    node.path("max").asDouble(Double.MAX_VALUE), node.path("integer").asBoolean(false))
                            : null;
            Integer line = lineOf(text, "^\\s*" + Pattern.quote(entry.getKey()) + "\\s*:");
            if (spec == null) {
                // still defined, so that rules using it are not reported as well
                thresholds.put(entry.getKey(), new ThresholdCatalogue.Spec(Double.NaN, 0, 0, false));
                problems.add(new RuleSetProblem(file, line, "threshold " + entry.getKey()
                        + " must be a number, or {value: …, min: …, max: …}"));
                continue;
            }
            spec.refuse(spec.value()).ifPresent(why -> problems.add(new RuleSetProblem(file, line,
                    "threshold " + entry.getKey() + " default " + why)));
            thresholds.put(entry.getKey(), spec);
        }
        return thresholds;
    }

    /** The YAML as a tree; null, with the problem added, when it does not parse. */
    static JsonNode tree(String file, String text, List<RuleSetProblem> problems) {
        try {
            JsonNode root = YAML.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                problems.add(new RuleSetProblem(file, 1, "is empty"));
                return null;
            }
            return root;
        } catch (JacksonException unreadable) {
            problems.add(problem(file, unreadable));
            return null;
        }
    }

    /** 7 rather than 7.0, as a rule author wrote it. */
    static String number(double value) {
        return org.saathi.facts.Explain.number(value);
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

    static RuleSetProblem problem(String file, JacksonException failure) {
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

package org.saathi.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads {@code rules/deterioration.yaml} strictly, so that a clinician's slip is a problem naming
 * the file and line rather than a domain that quietly never scores: an unknown domain, measure or
 * field, a band that is not a number, bands out of order, a band that could never score or would
 * always score, a domain without its reason and source.
 */
final class DeteriorationYaml {

    static final String FILE = "deterioration.yaml";

    private static final Set<String> DOMAIN_FIELDS = Set.of("reason", "source", "measures");

    private DeteriorationYaml() {
    }

    static DeteriorationTable parse(String file, String text, List<RuleSetProblem> problems) {
        Lines lines = new Lines(text);
        JsonNode root = RuleSetYaml.tree(file, text, problems);
        if (root == null) {
            return DeteriorationTable.NONE;
        }
        if (!root.isObject()) {
            problems.add(new RuleSetProblem(file, 1, "must start with 'recentCheckIns:' and 'domains:'"));
            return DeteriorationTable.NONE;
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getKey().equals("recentCheckIns") && !entry.getKey().equals("domains")) {
                problems.add(new RuleSetProblem(file, lines.of(entry.getKey(), 0), "'" + entry.getKey()
                        + "' is not a known field: the table has recentCheckIns and domains"));
            }
        }
        JsonNode recent = root.path("recentCheckIns");
        int recentCheckIns = recent.isIntegralNumber() ? recent.asInt() : 0;
        if (recentCheckIns < 1 || recentCheckIns > 14) {
            problems.add(new RuleSetProblem(file, lines.of("recentCheckIns", 0),
                    "recentCheckIns must be a whole number from 1 to 14"));
        }
        JsonNode domains = root.path("domains");
        if (!domains.isObject() || domains.isEmpty()) {
            problems.add(new RuleSetProblem(file, lines.of("domains", 0), "domains must list at least one domain"));
            return DeteriorationTable.NONE;
        }
        int domainsAt = lines.of("domains", 0);
        List<DeteriorationTable.Domain> parsed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : domains.properties()) {
            int line = lines.of(entry.getKey(), domainsAt);
            DeteriorationDomain.named(entry.getKey()).ifPresentOrElse(
                    kind -> parsed.add(domain(kind, entry.getValue(), new Located(file, lines, line), problems)),
                    () -> problems.add(new RuleSetProblem(file, line, "unknown domain '" + entry.getKey()
                            + "': the domains are " + DeteriorationDomain.names())));
        }
        return new DeteriorationTable(recentCheckIns, parsed);
    }

    /** Where a domain's entry starts, to name the line of a problem inside it. */
    private record Located(String file, Lines lines, int line) {

        RuleSetProblem problem(String key, String message) {
            return new RuleSetProblem(file, key == null ? line : lines.of(key, line), message);
        }
    }

    private static DeteriorationTable.Domain domain(DeteriorationDomain kind, JsonNode node, Located at,
            List<RuleSetProblem> problems) {
        String name = kind.key;
        if (!node.isObject()) {
            problems.add(at.problem(null, "domain " + name + " must have reason, source and measures"));
            return new DeteriorationTable.Domain(name, "", "", Map.of(), List.of());
        }
        Map<String, Double> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            boolean setting = kind.settings.stream().anyMatch(s -> s.key.equals(key));
            if (!setting && !DOMAIN_FIELDS.contains(key)) {
                problems.add(at.problem(key, "'" + key + "' is not a known field of domain " + name + ": it has "
                        + String.join(", ", fieldsOf(kind))));
            }
        }
        for (DeteriorationDomain.Setting setting : kind.settings) {
            JsonNode value = node.path(setting.key);
            if (!value.isNumber() || value.asDouble() < setting.lowest || value.asDouble() > setting.highest) {
                problems.add(at.problem(value.isMissingNode() ? null : setting.key, "domain " + name + " needs "
                        + setting.key + ", a number from " + RuleSetYaml.number(setting.lowest) + " to "
                        + RuleSetYaml.number(setting.highest)));
                continue;
            }
            settings.put(setting.key, value.asDouble());
        }
        String reason = text(node, "reason", name, at, problems);
        String source = text(node, "source", name, at, problems);
        return new DeteriorationTable.Domain(name, reason, source, settings, measures(kind, node.path("measures"), at,
                problems));
    }

    private static List<String> fieldsOf(DeteriorationDomain kind) {
        List<String> fields = new ArrayList<>(List.of("reason", "source"));
        kind.settings.forEach(setting -> fields.add(setting.key));
        fields.add("measures");
        return fields;
    }

    private static String text(JsonNode node, String key, String domain, Located at, List<RuleSetProblem> problems) {
        JsonNode value = node.path(key);
        if (!value.isString() || value.asString().isBlank()) {
            problems.add(at.problem(value.isMissingNode() ? null : key, "domain " + domain + " needs a " + key
                    + ": say why it scores, and on what evidence"));
            return "";
        }
        return value.asString().strip();
    }

    private static List<DeteriorationTable.Scored> measures(DeteriorationDomain kind, JsonNode node, Located at,
            List<RuleSetProblem> problems) {
        List<DeteriorationTable.Scored> measures = new ArrayList<>();
        if (!node.isObject() || node.isEmpty()) {
            problems.add(at.problem(node.isMissingNode() ? null : "measures", "domain " + kind.key
                    + " needs measures, one or more of: " + Measure.namesOf(kind)));
            return measures;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String where = kind.key + " " + entry.getKey();
            Measure.of(kind, entry.getKey()).ifPresentOrElse(measure -> {
                DeteriorationTable.Scored scored = bands(measure, entry.getValue(), where,
                        message -> problems.add(at.problem(entry.getKey(), message)));
                if (scored != null) {
                    measures.add(scored);
                }
            }, () -> problems.add(at.problem(entry.getKey(), "unknown measure '" + entry.getKey() + "' of domain "
                    + kind.key + ": its measures are " + Measure.namesOf(kind))));
        }
        return measures;
    }

    private static DeteriorationTable.Scored bands(Measure measure, JsonNode node, String where,
            java.util.function.Consumer<String> problem) {
        String direction = measure.bandsKey();
        if (!node.isObject() || node.size() != 1 || !node.has(direction)) {
            problem.accept(where + " must be {" + direction + ": {1: …, 2: …, 3: …}}"
                    + (measure.higherIsWorse ? "" : ": a lower value is worse"));
            return null;
        }
        TreeMap<Integer, Double> from = new TreeMap<>();
        for (Map.Entry<String, JsonNode> band : node.path(direction).properties()) {
            if (!Pattern.matches("[123]", band.getKey()) || !band.getValue().isNumber()) {
                problem.accept(where + ": each band is a score (1, 2 or 3) and the number it starts at, not '"
                        + band.getKey() + ": " + band.getValue() + "'");
                return null;
            }
            double value = band.getValue().asDouble();
            if (!measure.usable(value)) {
                problem.accept(where + ": score " + band.getKey() + " " + direction + " " + RuleSetYaml.number(value)
                        + " would " + (value < measure.lowest || value > measure.highest ? "never" : "always")
                        + " score: the measure runs from " + RuleSetYaml.number(measure.lowest) + " to "
                        + RuleSetYaml.number(measure.highest));
                return null;
            }
            from.put(Integer.parseInt(band.getKey()), value);
        }
        if (from.isEmpty()) {
            problem.accept(where + " has no bands: give at least one score");
            return null;
        }
        Double previous = null;
        for (double value : from.values()) {
            if (previous != null && (measure.higherIsWorse ? value <= previous : value >= previous)) {
                problem.accept(where + ": a higher score must start at a " + (measure.higherIsWorse ? "higher" : "lower")
                        + " value than the score below it");
                return null;
            }
            previous = value;
        }
        return new DeteriorationTable.Scored(measure.key, direction, from);
    }

    /** Finds the line a key is on, searching from a given line, as YAML nodes do not carry theirs. */
    private record Lines(String[] lines) {

        Lines(String text) {
            this(text.split("\n", -1));
        }

        int of(String key, int after) {
            Pattern pattern = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*:");
            for (int i = Math.max(0, after); i < lines.length; i++) {
                if (pattern.matcher(lines[i]).find()) {
                    return i + 1;
                }
            }
            return Math.max(1, after);
        }
    }
}

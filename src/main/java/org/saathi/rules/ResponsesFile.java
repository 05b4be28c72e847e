package org.saathi.rules;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.saathi.facts.Severity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code responses.yaml} and checks it against the rules: every signal rule needs what to do
 * for each severity it can raise, or a default. The severities a rule can raise are those its
 * consequence names ({@code Severity.WARNING}); a rule that computes its severity names none, and
 * needs a default.
 */
final class ResponsesFile {

    static final String FILE = "responses.yaml";

    /** Long enough for who acts, how soon and what to ask; short enough to read at a glance. */
    static final int MOST_CHARACTERS = 400;

    private static final Pattern SEVERITY = Pattern.compile("Severity\\.(WATCH|WARNING|URGENT|CRITICAL)\\b");
    private static final String SOURCE = "source";
    private static final String DEFAULT = "default";

    private ResponsesFile() {
    }

    static ResponseTable read(String text, List<RuleSetProblem> problems) {
        JsonNode root;
        try {
            root = RuleSetYaml.YAML.readTree(text);
        } catch (JacksonException unreadable) {
            problems.add(RuleSetYaml.problem(FILE, unreadable));
            return ResponseTable.NONE;
        }
        if (root == null || !root.isObject()) {
            problems.add(new RuleSetProblem(FILE, 1, "must list rule ids, each with what to do by severity"));
            return ResponseTable.NONE;
        }
        Map<String, RuleResponse> rules = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> rule : root.properties()) {
            response(text, rule.getKey(), rule.getValue(), problems)
                    .ifPresent(found -> rules.put(rule.getKey(), found));
        }
        return new ResponseTable(rules);
    }

    private static Optional<RuleResponse> response(String text, String ruleId, JsonNode node,
            List<RuleSetProblem> problems) {
        Integer ruleLine = lineOf(text, ruleId, null);
        if (!node.isObject()) {
            problems.add(new RuleSetProblem(FILE, ruleLine, ruleId + " must list severities, such as 'WATCH: …'"));
            return Optional.empty();
        }
        Map<Severity, String> bySeverity = new EnumMap<>(Severity.class);
        String source = null;
        String otherwise = null;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            Integer line = lineOf(text, ruleId, key);
            String value = entry.getValue().isString() ? entry.getValue().asString().strip() : null;
            if (value == null || value.isEmpty()) {
                problems.add(new RuleSetProblem(FILE, line, ruleId + "." + key + " must be a text"));
                continue;
            }
            if (key.equals(SOURCE)) {
                source = value;
                continue;
            }
            if (value.length() > MOST_CHARACTERS) {
                problems.add(new RuleSetProblem(FILE, line, ruleId + "." + key + " has " + value.length()
                        + " characters; keep what to do to " + MOST_CHARACTERS + " at most"));
            }
            if (key.equals(DEFAULT)) {
                otherwise = value;
            } else if (EnumSet.allOf(Severity.class).stream().anyMatch(s -> s.name().equals(key))) {
                bySeverity.put(Severity.valueOf(key), value);
            } else {
                problems.add(new RuleSetProblem(FILE, line, ruleId + "." + key
                        + " is not a severity: use WATCH, WARNING, URGENT, CRITICAL, default or source"));
            }
        }
        return Optional.of(new RuleResponse(source, bySeverity, otherwise));
    }

    /**
     * Every signal rule has what to do for each severity it raises, and every response is for a rule
     * of the set: one for a rule id the set does not have is refused, naming its line, as a
     * misspelt id or a rule removed without its response would otherwise go unseen.
     */
    static void check(ResponseTable table, List<RuleInfo> rules, RuleSetFiles files, String text,
            List<RuleSetProblem> problems) {
        Map<String, Set<Severity>> raised = new LinkedHashMap<>();
        Map<String, RuleInfo> first = new LinkedHashMap<>();
        for (RuleInfo rule : rules) {
            if (!rule.file().startsWith("signals/")) {
                continue;
            }
            first.putIfAbsent(rule.id(), rule);
            raised.computeIfAbsent(rule.id(), id -> EnumSet.noneOf(Severity.class))
                    .addAll(severitiesOf(rule, files.files().get(rule.file())));
        }
        raised.forEach((id, severities) -> {
            RuleInfo where = first.get(id);
            RuleResponse response = table.rules().get(id);
            String rule = id + " (" + where.file() + " line " + where.line() + ")";
            if (response == null) {
                problems.add(new RuleSetProblem(FILE, null, rule + " has no response: add '" + id
                        + ":' with what to do for " + (severities.isEmpty() ? "a default" : names(severities))));
            } else if (severities.isEmpty() && response.otherwise() == null) {
                problems.add(new RuleSetProblem(FILE, lineOf(text, id, null), rule
                        + " decides its severity as it runs: give it a default"));
            } else {
                severities.stream().filter(severity -> !response.covers(severity)).forEach(severity ->
                        problems.add(new RuleSetProblem(FILE, lineOf(text, id, null), rule + " can raise "
                                + severity + ": add what to do at " + severity + ", or a default")));
            }
        });
        table.rules().keySet().stream().filter(id -> !raised.containsKey(id)).forEach(id -> problems.add(
                new RuleSetProblem(FILE, lineOf(text, id, null), id + " is not a rule of this rule set (no rule of "
                        + "signals/ has that id): correct the id, or remove its response with the rule")));
    }

    /** The severities a rule's text names, from its declaration to its {@code end}. */
    static Set<Severity> severitiesOf(RuleInfo rule, String drl) {
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        if (drl == null || rule.line() == null) {
            return severities;
        }
        String[] lines = drl.split("\n");
        for (int i = rule.line(); i < lines.length && !lines[i].strip().equals("end"); i++) {
            Matcher named = SEVERITY.matcher(lines[i]);
            while (named.find()) {
                severities.add(Severity.valueOf(named.group(1)));
            }
        }
        return severities;
    }

    private static String names(Set<Severity> severities) {
        return String.join(", ", severities.stream().map(Severity::name).toList());
    }

    /** The line of a rule id at the start of a line, or of one of its keys below it. */
    private static Integer lineOf(String text, String ruleId, String key) {
        String[] lines = text.split("\n");
        Pattern top = Pattern.compile("^" + Pattern.quote(ruleId) + "\\s*:");
        Pattern nested = key == null ? null : Pattern.compile("^\\s+" + Pattern.quote(key) + "\\s*:");
        for (int i = 0; i < lines.length; i++) {
            if (!top.matcher(lines[i]).find()) {
                continue;
            }
            if (nested == null) {
                return i + 1;
            }
            for (int j = i + 1; j < lines.length && !lines[j].matches("^\\S.*"); j++) {
                if (nested.matcher(lines[j]).find()) {
                    return j + 1;
                }
            }
            return i + 1;
        }
        return null;
    }
}

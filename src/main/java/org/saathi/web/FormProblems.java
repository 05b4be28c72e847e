package org.saathi.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.backtest.CandidateInvalid;
import org.saathi.rules.RuleSetProblem;
import org.springframework.http.HttpStatus;

/**
 * What is wrong with a submitted form, shown next to the fields it concerns. Fields are named as
 * the API names them ({@code from}, {@code participantIds[2]}), which is also the id of the form's
 * input, so that the list at the top can link to each.
 *
 * @param fields messages by field
 * @param general what concerns no one field, such as another backtest running
 * @param ruleSets for a rule set field whose folder does not compile, each problem as {@code file:line: message}
 */
record FormProblems(Map<String, List<String>> fields, List<String> general, Map<String, List<String>> ruleSets) {

    static final FormProblems NONE = new FormProblems(Map.of(), List.of(), Map.of());

    private static final Map<String, String> LABELS = Map.of("from", "From", "to", "To", "step", "Evaluate every",
            "rules", "Rule set", "compareWith", "Compare with", "assumeResolvedAfter", "Assume resolved after",
            "participantIds", "Participants", "factsCount", "Count facts from");

    /** Fields of the other page forms, named as on their page when one of them is refused. */
    private static final Map<String, String> OTHER_LABELS = Map.ofEntries(Map.entry("note", "Note"),
            Map.entry("outcome", "Outcome"), Map.entry("length", "Snooze for"), Map.entry("reason", "Reason"),
            Map.entry("name", "Name"), Map.entry("scope", "Scopes"), Map.entry("actor", "Actor"),
            Map.entry("participantId", "Participant"), Map.entry("action", "Action"), Map.entry("day", "Day"),
            Map.entry("username", "Staff id"), Map.entry("password", "Password"));

    /** One line of the list at the top of the form. */
    record Line(String field, String text) {
    }

    static FormProblems of(ApiProblem problem) {
        if (problem.errors().isEmpty()) {
            String message = problem.status() == HttpStatus.TOO_MANY_REQUESTS
                    ? "Another backtest is running, and only one runs at a time on the whole service. Try again"
                            + " when it is done."
                    : problem.getMessage();
            return new FormProblems(Map.of(), List.of(message), Map.of());
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (FieldProblem error : problem.errors()) {
            fields.computeIfAbsent(fieldOf(error.field()), field -> new ArrayList<>()).add(error.message());
        }
        return new FormProblems(fields, List.of(), Map.of());
    }

    static FormProblems of(CandidateInvalid invalid) {
        String field = fieldOf(invalid.field());
        return new FormProblems(Map.of(field, List.of("does not compile, so nothing was replayed")),
                List.of(), Map.of(field, invalid.problems().stream().map(RuleSetProblem::toString).toList()));
    }

    public boolean isEmpty() {
        return fields.isEmpty() && general.isEmpty();
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    /** The field's problems, after its label, as shown next to it. */
    public String on(String field) {
        return LABELS.getOrDefault(field, field) + ": " + String.join("; ", fields.getOrDefault(field, List.of()));
    }

    public List<String> ruleSetProblems(String field) {
        return ruleSets.getOrDefault(field, List.of());
    }

    /** The ids a field's {@code aria-describedby} names: its hint, and its problem when it has one. */
    public String describedBy(String field) {
        return field + "-hint" + (has(field) ? " " + field + "-problem" : "");
    }

    public List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        fields.forEach((field, messages) -> messages.forEach(message -> lines.add(
                new Line(LABELS.containsKey(field) ? field : null, label(field) + ": " + message))));
        return lines;
    }

    private static String label(String field) {
        return LABELS.getOrDefault(field, OTHER_LABELS.getOrDefault(field, field));
    }

    /** {@code participantIds[3]} is the participants field of the form. */
    private static String fieldOf(String field) {
        int index = field.indexOf('[');
        return index < 0 ? field : field.substring(0, index);
    }
}

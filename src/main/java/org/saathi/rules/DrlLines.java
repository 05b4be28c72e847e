package org.saathi.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of a rule author's file that a Drools message without a line is about: the line
 * using a fact type it cannot find, or the line holding the constraint it could not read (a
 * misspelt field), so that the author is sent to the broken line and not to the rule's first.
 */
final class DrlLines {

    private static final Pattern MISSING_CLASS = Pattern.compile("Unable to (?:find|resolve) (?:class|ObjectType)[: ]+'?([\\w.$]+)");
    private static final Pattern EXPRESSION = Pattern.compile("expression:\\s*(.+)$");
    private static final Pattern FIRST_NAME = Pattern.compile("[A-Za-z_$][\\w$]*");

    private DrlLines() {
    }

    /** The 1-based line of {@code file} the message is about, or null when it names nothing findable. */
    static Integer of(String file, String message, List<Map.Entry<String, String>> drl) {
        Optional<String> source = drl.stream().filter(entry -> entry.getKey().equals(file))
                .map(Map.Entry::getValue).findFirst();
        if (source.isEmpty()) {
            return null;
        }
        String[] lines = source.get().split("\n");
        Matcher missing = MISSING_CLASS.matcher(message);
        if (missing.find()) {
            String simpleName = missing.group(1).substring(missing.group(1).lastIndexOf('.') + 1);
            return first(lines, Pattern.compile("\\b" + Pattern.quote(simpleName) + "\\s*\\(").asPredicate());
        }
        Matcher expression = EXPRESSION.matcher(message);
        return expression.find() ? lineOfExpression(lines, expression.group(1)) : null;
    }

    /** The line holding the whole expression; else, for one spread over lines, the line of its first name. */
    private static Integer lineOfExpression(String[] lines, String expression) {
        String wanted = squeeze(expression);
        Integer whole = first(lines, line -> squeeze(line).contains(wanted));
        if (whole != null) {
            return whole;
        }
        Matcher name = FIRST_NAME.matcher(expression);
        return name.find() ? first(lines, Pattern.compile("\\b" + Pattern.quote(name.group()) + "\\b").asPredicate())
                : null;
    }

    private static Integer first(String[] lines, Predicate<String> matches) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().startsWith("//") && matches.test(lines[i])) {
                return i + 1;
            }
        }
        return null;
    }

    private static String squeeze(String code) {
        return code.replaceAll("\\s+", "");
    }
}

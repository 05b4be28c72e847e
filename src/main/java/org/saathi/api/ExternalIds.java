package org.saathi.api;

import java.util.regex.Pattern;

/**
 * Ids that integrations choose (participants, staff, groups, sessions): short, URL-safe and free
 * of personal data by convention, e.g. {@code P-000123}.
 */
public final class ExternalIds {

    public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";
    public static final String MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private ExternalIds() {
    }

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }

    /** Checks an id taken from a path or a parameter, naming it in the problem. */
    public static String require(String field, String id) {
        if (!isValid(id)) {
            throw ApiProblem.invalid(field, MESSAGE);
        }
        return id;
    }
}

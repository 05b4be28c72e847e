package org.saathi.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** Turns a JSON reading failure into the field it concerns and a message a developer can act on. */
public final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate [^\"]*\"([^\"]+)\"");

    static final String TIMESTAMP_MESSAGE =
            "must be an ISO-8601 timestamp with an offset, such as 2026-11-26T08:30:00+05:30";

    static final String DURATION_MESSAGE = "must be an ISO-8601 duration, such as PT1H or P7D";

    private JsonProblems() {
    }

    public static FieldProblem describe(JacksonException failure) {
        String field = pathOf(failure);
        String message = String.valueOf(failure.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return new FieldProblem(duplicate.group(1), "is given more than once");
        }
        if (message.startsWith("Trailing token")) {
            return new FieldProblem("body", "has content after the JSON value");
        }
        if (field.isEmpty()) {
            field = "body";
        }
        if (message.contains(StorableText.MESSAGE)) {
            return new FieldProblem(field, StorableText.MESSAGE);
        }
        if (failure instanceof UnrecognizedPropertyException) {
            return new FieldProblem(field, "is not a known field");
        }
        if (failure instanceof ValueInstantiationException && failure.getCause() != null) {
            return new FieldProblem(field, failure.getCause().getMessage());
        }
        if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldProblem(field, expected(mismatch.getTargetType()));
        }
        if (failure instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            return new FieldProblem(field, expected(invalid.getTargetType()));
        }
        if (failure instanceof StreamReadException read) {
            return new FieldProblem(field, "is not well-formed JSON"
                    + (read.getLocation() == null ? "" : " (line " + read.getLocation().getLineNr()
                            + ", column " + read.getLocation().getColumnNr() + ")"));
        }
        return new FieldProblem(field, "could not be read");
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == OffsetDateTime.class || type == Instant.class) {
            return TIMESTAMP_MESSAGE;
        }
        if (type == Duration.class) {
            return DURATION_MESSAGE;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    /** The JSON path of the failure: {@code items[2].craving}; empty for the whole body. */
    static String pathOf(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        List<JacksonException.Reference> references = failure.getPath();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

package org.saathi.backtest.command;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.saathi.api.ExternalIds;
import org.saathi.api.TimeText;
import org.saathi.roster.CheckInSchedule;
import tools.jackson.databind.JsonNode;

/**
 * The fields of one line of a facts file, read strictly and with messages a rule author can act
 * on: a misspelt field is an error rather than a question quietly left unanswered. A field set to
 * null counts as left out.
 */
final class LineFields {

    /** What is wrong with a line, without its file and line number, which the caller knows. */
    static final class BadLine extends RuntimeException {

        BadLine(String message) {
            super(message);
        }
    }

    private final JsonNode node;

    LineFields(JsonNode node, String type, Set<String> allowed) {
        this.node = node;
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new BadLine("unknown field \"" + name + "\" in a " + type + " line; it takes "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private Optional<JsonNode> field(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    boolean has(String name) {
        return field(name).isPresent();
    }

    private JsonNode required(String name) {
        return field(name).orElseThrow(() -> new BadLine(name + " is required"));
    }

    /** An id such as a participant's or a session's, as the API takes them. */
    String id(String name) {
        return optionalId(name).orElseThrow(() -> new BadLine(name + " is required"));
    }

    Optional<String> optionalId(String name) {
        return optionalText(name, 64).map(id -> {
            if (!ExternalIds.isValid(id)) {
                throw new BadLine(name + " " + ExternalIds.MESSAGE);
            }
            return id;
        });
    }

    Optional<String> optionalText(String name, int longest) {
        return field(name).map(value -> {
            if (!value.isString()) {
                throw new BadLine(name + " must be a string");
            }
            if (value.stringValue().length() > longest) {
                throw new BadLine(name + " must be at most " + longest + " characters");
            }
            return value.stringValue();
        });
    }

    /** A time zone such as Asia/Kolkata. */
    Optional<ZoneId> optionalZone(String name) {
        return optionalText(name, 64).map(zone -> {
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException notAZone) {
                throw new BadLine(name + " must be a time zone such as Asia/Kolkata or Europe/London");
            }
        });
    }

    Instant time(String name) {
        return optionalTime(name).orElseThrow(() -> new BadLine(name + " is required"));
    }

    Optional<Instant> optionalTime(String name) {
        return field(name).map(value -> TimeText.parse(value.isString() ? value.stringValue() : "")
                .orElseThrow(() -> new BadLine(name + " " + TimeText.EXPECTED)));
    }

    int whole(String name, int min, int max) {
        return optionalWhole(name, min, max).orElseThrow(() -> new BadLine(name + " is required"));
    }

    Optional<Integer> optionalWhole(String name, int min, int max) {
        return field(name).map(value -> wholeNumber(name, value, min, max));
    }

    private static int wholeNumber(String name, JsonNode value, int min, int max) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new BadLine(name + " must be a whole number");
        }
        if (value.intValue() < min || value.intValue() > max) {
            throw new BadLine(name + " must be between " + min + " and " + max);
        }
        return value.intValue();
    }

    Optional<Double> optionalNumber(String name, double min, double max) {
        return field(name).map(value -> {
            if (!value.isNumber()) {
                throw new BadLine(name + " must be a number");
            }
            if (value.doubleValue() < min || value.doubleValue() > max) {
                throw new BadLine(name + " must be between " + plain(min) + " and " + plain(max));
            }
            return value.doubleValue();
        });
    }

    Optional<Boolean> optionalFlag(String name) {
        return field(name).map(value -> {
            if (!value.isBoolean()) {
                throw new BadLine(name + " must be true or false");
            }
            return value.booleanValue();
        });
    }

    /** "DAILY", "WEEKDAYS" or a list of days, as the roster API takes it; none for someone not expected to check in. */
    Optional<CheckInSchedule> optionalSchedule(String name, boolean expectsCheckIns) {
        return field(name).map(value -> {
            if (!expectsCheckIns) {
                throw new BadLine(name + " cannot be given with expectsDailyCheckIn false");
            }
            Object given = value.isString() ? value.stringValue()
                    : value.isArray() ? value.valueStream().map(day -> day.isString() ? day.stringValue() : day)
                            .toList() : value;
            try {
                return CheckInSchedule.parse(given);
            } catch (IllegalArgumentException invalid) {
                throw new BadLine(name + " " + invalid.getMessage());
            }
        });
    }

    <E extends Enum<E>> E choice(String name, Class<E> choices) {
        required(name);
        return optionalChoice(name, choices).orElseThrow();
    }

    <E extends Enum<E>> Optional<E> optionalChoice(String name, Class<E> choices) {
        return field(name).map(value -> {
            String text = value.isString() ? value.stringValue() : "";
            return Arrays.stream(choices.getEnumConstants()).filter(choice -> choice.name().equals(text)).findFirst()
                    .orElseThrow(() -> new BadLine(name + " must be one of " + Arrays.stream(choices.getEnumConstants())
                            .map(Enum::name).collect(Collectors.joining(", "))));
        });
    }

    /** A screening's answers: exactly {@code count} whole numbers from 0 to {@code max}. */
    Optional<List<Integer>> optionalItems(String name, int count, int max) {
        return field(name).map(value -> {
            if (!value.isArray() || value.size() != count) {
                throw new BadLine(name + " must have exactly " + count + " answers");
            }
            List<Integer> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(wholeNumber(name + "[" + i + "]", value.get(i), 0, max));
            }
            return items;
        });
    }

    /** Answers that may be null, each a whole number up to {@code max}, for a form that skips questions. */
    Optional<List<Integer>> optionalAnswers(String name, int max) {
        return field(name).map(value -> {
            if (!value.isArray()) {
                throw new BadLine(name + " must be a list of answers");
            }
            List<Integer> answers = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                answers.add(value.get(i).isNull() ? null : wholeNumber(name + "[" + i + "]", value.get(i), 0, max));
            }
            return answers;
        });
    }

    /** Short tags such as triggers, or staff ids when {@code ids} says so. */
    List<String> strings(String name, int most, int longest, boolean ids) {
        Optional<JsonNode> field = field(name);
        if (field.isEmpty()) {
            return List.of();
        }
        JsonNode value = field.get();
        if (!value.isArray() || value.size() > most) {
            throw new BadLine(name + " must be a list of at most " + most + " strings");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isString() || item.stringValue().isBlank() || item.stringValue().length() > longest) {
                throw new BadLine(name + "[" + i + "] must be a string of 1 to " + longest + " characters");
            }
            if (ids && !ExternalIds.isValid(item.stringValue())) {
                throw new BadLine(name + "[" + i + "] " + ExternalIds.MESSAGE);
            }
            strings.add(item.stringValue());
        }
        return strings;
    }

    /** Threshold values by key, such as {@code {"CHK-001.craving": 9}}. */
    Map<String, Double> numbers(String name) {
        Optional<JsonNode> field = field(name);
        if (field.isEmpty()) {
            return Map.of();
        }
        if (!field.get().isObject()) {
            throw new BadLine(name + " must be an object of numbers, such as {\"CHK-001.craving\": 9}");
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : field.get().properties()) {
            if (!entry.getValue().isNumber()) {
                throw new BadLine(name + "." + entry.getKey() + " must be a number");
            }
            numbers.put(entry.getKey(), entry.getValue().doubleValue());
        }
        return numbers;
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}

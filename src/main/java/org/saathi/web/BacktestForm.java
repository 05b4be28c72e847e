package org.saathi.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.backtest.BacktestRequest;
import org.saathi.backtest.ReplayOptions;

/**
 * The backtest form as it was typed, kept as text so that a form with a problem comes back as it
 * was sent. Times are wall-clock times in the viewer's programme zone; the step is in minutes and
 * "assume resolved after" in hours, which is how a rule author thinks of them, not ISO-8601.
 *
 * @param rules a candidate folder, or blank for the active rule set
 * @param compareWith a candidate folder to replay alongside, or blank for none
 * @param participantIds ids separated by spaces or commas, or blank for the viewer's whole caseload
 */
record BacktestForm(String from, String to, String step, String rules, String compareWith,
        String assumeResolvedAfter, String factsCount, String participantIds) {

    static final int DEFAULT_DAYS = 90;
    static final String DEFAULT_STEP_MINUTES = "60";
    private static final Duration YEAR = Duration.ofDays(366);
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    BacktestForm {
        from = text(from);
        to = text(to);
        step = text(step);
        rules = text(rules);
        compareWith = text(compareWith);
        assumeResolvedAfter = text(assumeResolvedAfter);
        factsCount = factsCount == null || factsCount.isBlank() ? ReplayOptions.FactsCount.RECEIVED.name()
                : factsCount.strip();
        participantIds = text(participantIds);
    }

    /** The last 90 days up to this minute, the active rule set, every hour, facts as they were received. */
    static BacktestForm defaults(Instant now, ZoneId zone) {
        LocalDateTime end = LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.MINUTES);
        return new BacktestForm(LOCAL.format(end.minusDays(DEFAULT_DAYS)), LOCAL.format(end), DEFAULT_STEP_MINUTES,
                "", "", "", ReplayOptions.FactsCount.RECEIVED.name(), "");
    }

    /** What the form asks for, or, when something typed is not a time or a number, what is wrong with it. */
    record Parsed(Optional<BacktestRequest> request, FormProblems problems) {
    }

    Parsed parse(ZoneId zone) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Instant start = instant("from", from, zone, problems);
        Instant end = instant("to", to, zone, problems);
        Long minutes = step.isEmpty() ? null : number("step", step, "minutes", YEAR.toMinutes(), problems);
        Long hours = assumeResolvedAfter.isEmpty() ? null
                : number("assumeResolvedAfter", assumeResolvedAfter, "hours", YEAR.toHours(), problems);
        if (!problems.isEmpty()) {
            return new Parsed(Optional.empty(), new FormProblems(problems, List.of(), Map.of()));
        }
        ReplayOptions.FactsCount counted = QueuePage.parse(ReplayOptions.FactsCount.class, factsCount)
                .orElse(ReplayOptions.FactsCount.RECEIVED);
        return new Parsed(Optional.of(new BacktestRequest(start, end,
                minutes == null ? null : Duration.ofMinutes(minutes), ids(), blankToNull(rules),
                blankToNull(compareWith), hours == null ? null : Duration.ofHours(hours), counted)), FormProblems.NONE);
    }

    private List<String> ids() {
        List<String> ids = Arrays.stream(participantIds.split("[\\s,;]+")).filter(id -> !id.isEmpty()).toList();
        return ids.isEmpty() ? null : ids;
    }

    private static Instant instant(String field, String text, ZoneId zone, Map<String, List<String>> problems) {
        if (text.isEmpty()) {
            problems.put(field, List.of("is required"));
            return null;
        }
        try {
            // A browser sends seconds too when the value was set with them; both are accepted.
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException notATime) {
            problems.put(field, List.of("must be a date and time, such as 2026-03-01T09:00"));
            return null;
        }
    }

    /** Up to a year: the engine judges what is sensible below that; this keeps the arithmetic in range. */
    private static Long number(String field, String text, String unit, long most, Map<String, List<String>> problems) {
        try {
            long value = Long.parseLong(text);
            if (value > most) {
                problems.put(field, List.of("must be at most " + most + " " + unit + " (366 days)"));
                return null;
            }
            return value;
        } catch (NumberFormatException notANumber) {
            problems.put(field, List.of("must be a whole number of " + unit));
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}

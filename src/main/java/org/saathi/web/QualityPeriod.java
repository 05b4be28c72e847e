package org.saathi.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.alert.RuleQuality;
import org.saathi.api.ApiProblem;

/**
 * The period the rules page counts alerts over: whole days in the viewer's programme's zone, the
 * last day included, as a clinical lead thinks of "January to March".
 */
record QualityPeriod(String from, String to) {

    /** Ninety days up to and including today. */
    static QualityPeriod defaults(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return new QualityPeriod(today.minusDays(89).toString(), today.toString());
    }

    /** The period as instants, or what is wrong with it by field. */
    record Parsed(Optional<Instant> from, Optional<Instant> to, FormProblems problems) {
    }

    Parsed parse(ZoneId zone) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Optional<LocalDate> first = day("from", from, problems);
        Optional<LocalDate> last = day("to", to, problems);
        if (first.isPresent() && last.isPresent() && last.get().isBefore(first.get())) {
            problems.put("from", List.of("must be on or before the last day"));
        }
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        Instant start = first.orElseThrow().atStartOfDay(zone).toInstant();
        Instant end = last.orElseThrow().plusDays(1).atStartOfDay(zone).toInstant();
        try {
            RuleQuality.checkPeriod(start, end);
        } catch (ApiProblem tooLong) {
            return new Parsed(Optional.empty(), Optional.empty(), FormProblems.of(tooLong));
        }
        return new Parsed(Optional.of(start), Optional.of(end), FormProblems.NONE);
    }

    private static Parsed invalid(Map<String, List<String>> problems) {
        return new Parsed(Optional.empty(), Optional.empty(), new FormProblems(problems, List.of(), Map.of()));
    }

    private static Optional<LocalDate> day(String field, String text, Map<String, List<String>> problems) {
        try {
            return Optional.of(LocalDate.parse(text == null ? "" : text.strip()));
        } catch (DateTimeParseException notADay) {
            problems.put(field, List.of("must be a day, such as 2026-03-01"));
            return Optional.empty();
        }
    }
}

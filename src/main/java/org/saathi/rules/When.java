package org.saathi.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.saathi.api.TimeText;

/**
 * A moment in a scenario: relative to the scenario's clock ({@code -2d}, {@code -36h}, {@code -1d12h},
 * {@code -30m}, {@code 0}) or absolute with an offset ({@code 2026-01-15T09:00:00+05:30}).
 */
record When(String text, Duration offset, Instant absolute) {

    private static final Pattern RELATIVE = Pattern.compile("^-?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?$");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static When parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.equals("0") || value.equals("now")) {
            return new When(value, Duration.ZERO, null);
        }
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches() && value.length() > 1 && (relative.group(1) != null || relative.group(2) != null
                || relative.group(3) != null)) {
            Duration offset = Duration.ofDays(number(relative.group(1))).plusHours(number(relative.group(2)))
                    .plusMinutes(number(relative.group(3)));
            return new When(value, value.startsWith("-") ? offset.negated() : offset, null);
        }
        return new When(value, null, TimeText.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "'" + value + "' is not a time: write -2d, -36h, -1d12h, -30m, 0, "
                        + "or a timestamp with an offset such as 2026-01-15T09:00:00+05:30")));
    }

    Instant resolve(Instant clock) {
        return absolute != null ? absolute : clock.plus(offset);
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}

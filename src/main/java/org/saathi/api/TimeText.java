package org.saathi.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A moment written as ISO-8601 text with its offset, read the one way everywhere text names a
 * moment: query parameters, the facts file, the command line and scenario files. Without its
 * offset a time is refused, never taken as the server's zone.
 */
public final class TimeText {

    public static final String EXPECTED =
            "must be a time with its offset, such as 2026-03-02T09:00:00+05:30 or 2026-03-02T03:30:00Z";

    private TimeText() {
    }

    /** The moment, or empty when the text is not a time with its offset. */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notATime) {
            return Optional.empty();
        }
    }
}

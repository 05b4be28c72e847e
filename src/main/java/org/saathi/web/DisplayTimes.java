package org.saathi.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as staff read them: in their programme's zone, and ages and deadlines in words. */
public final class DisplayTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter MACHINE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Clock clock;
    private final ZoneId zone;

    DisplayTimes(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public String at(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant.atZone(zone));
    }

    /** For the {@code datetime} attribute of a {@code <time>} element. */
    public String iso(Instant instant) {
        return instant == null ? "" : MACHINE.format(instant.atZone(zone));
    }

    public String age(Instant instant) {
        return span(Duration.between(instant, clock.instant())) + " ago";
    }

    public boolean overdue(Instant due) {
        return due.isBefore(clock.instant());
    }

    public String due(Instant due) {
        Duration left = Duration.between(clock.instant(), due);
        return left.isNegative() ? "overdue by " + span(left.negated()) : "due in " + span(left);
    }

    static String span(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 1) {
            return "under a minute";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return (minutes / 60 + " h " + (minutes % 60 > 0 ? minutes % 60 + " min" : "")).strip();
        }
        return minutes / (24 * 60) + " days";
    }
}

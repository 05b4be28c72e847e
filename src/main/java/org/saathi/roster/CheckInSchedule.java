package org.saathi.roster;

import java.time.DayOfWeek;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The days of the week a programme expects a participant to check in, for programmes that know it:
 * {@code "DAILY"}, {@code "WEEKDAYS"} (Monday to Friday) or given days such as
 * {@code ["MON", "WED", "FRI"]}. Days are the programme's calendar days. Without a schedule, the
 * rules learn the person's usual days from their own check-ins.
 */
public record CheckInSchedule(Set<DayOfWeek> days) {

    public static final CheckInSchedule DAILY = new CheckInSchedule(EnumSet.allOf(DayOfWeek.class));
    public static final CheckInSchedule WEEKDAYS = new CheckInSchedule(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    static final String EXPECTED = "must be \"DAILY\", \"WEEKDAYS\" or a list of days such as [\"MON\", \"WED\", \"FRI\"]";

    public CheckInSchedule {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a check-in schedule has at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /**
     * Reads a schedule as JSON or YAML gives it: a string or a list of day names; null for none.
     *
     * @throws IllegalArgumentException saying what is expected, for anything else
     */
    public static CheckInSchedule parse(Object given) {
        if (given instanceof String name) {
            return switch (name) {
                case "DAILY" -> DAILY;
                case "WEEKDAYS" -> WEEKDAYS;
                default -> throw new IllegalArgumentException(EXPECTED);
            };
        }
        if (given instanceof Collection<?> list && !list.isEmpty() && list.size() <= 7) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (Object day : list) {
                if (!(day instanceof String name) || !days.add(day(name))) {
                    throw new IllegalArgumentException(EXPECTED + ", each day once");
                }
            }
            return new CheckInSchedule(days);
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    /** As stored and as read back: "DAILY", "WEEKDAYS" or "MON,WED,FRI". */
    String stored() {
        Object value = json();
        return value instanceof String name ? name : String.join(",", names());
    }

    static CheckInSchedule ofStored(String stored) {
        return stored.equals("DAILY") || stored.equals("WEEKDAYS") ? parse(stored) : parse(List.of(stored.split(",")));
    }

    /** The shortest form a client reads: "DAILY", "WEEKDAYS", or the days in week order. */
    @JsonValue
    public Object json() {
        if (equals(DAILY)) {
            return "DAILY";
        }
        return equals(WEEKDAYS) ? "WEEKDAYS" : names();
    }

    private List<String> names() {
        return days.stream().sorted().map(CheckInSchedule::name).toList();
    }

    private static String name(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static DayOfWeek day(String name) {
        return EnumSet.allOf(DayOfWeek.class).stream().filter(day -> name(day).equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(EXPECTED + "; days are "
                        + EnumSet.allOf(DayOfWeek.class).stream().map(CheckInSchedule::name)
                                .collect(Collectors.joining(", "))));
    }
}

package org.saathi.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/** Helpers that rules use to write explanations a counsellor can read at a glance. */
public final class Explain {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_MONTH = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private Explain() {
    }

    /** "8, 9 and 7": a value of each check-in, oldest first. */
    public static String cravings(Object checkIns) {
        return values(checkIns, CheckIn::craving);
    }

    public static String moods(Object checkIns) {
        return values(checkIns, CheckIn::mood);
    }

    /** "3.5, 2 and 3": hours of sleep of each check-in, oldest first. */
    public static String sleep(Object checkIns) {
        List<String> hours = checkIns(checkIns).stream()
                .map(checkIn -> checkIn.sleepHours() == null ? "?" : number(checkIn.sleepHours())).toList();
        return join(hours);
    }

    /**
     * "3 days running: Tue 10, Wed 11 and Thu 12 Feb", or, when days without any dose report lie
     * between them, "the last 2 days with a dose recorded: Sat 14 and Mon 16 Feb".
     */
    public static String doseDays(Object doseDays) {
        List<LocalDate> days = doseDays instanceof Collection<?> collection
                ? collection.stream().filter(DoseDay.class::isInstance).map(day -> ((DoseDay) day).day()).sorted()
                        .toList()
                : List.of();
        boolean running = true;
        for (int i = 1; i < days.size(); i++) {
            running &= days.get(i - 1).plusDays(1).equals(days.get(i));
        }
        return (running ? days.size() + " days running: " : "the last " + days.size() + " days with a dose recorded: ")
                + dates(days);
    }

    /** "Sat 31 Jan, Sun 1 and Mon 2 Feb": the month once after its last day. */
    static String dates(List<LocalDate> days) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            boolean monthEnds = i == days.size() - 1 || !YearMonth.from(days.get(i + 1)).equals(YearMonth.from(day));
            parts.add((monthEnds ? DAY_AND_MONTH : DAY).format(day));
        }
        return join(parts);
    }

    /**
     * 7 rather than 7.0, 2.5 as 2.5, 0.333… as 0.3. Rounded half up from the shortest decimal that
     * reads back as the value, as {@code String.format("%.1f")} rounds, without its cost: every
     * evaluation writes a few dozen of these.
     */
    public static String number(double value) {
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        if (!Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        String rounded = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
        return value < 0 && !rounded.startsWith("-") ? "-" + rounded : rounded;
    }

    /** "GROUP_THERAPY" → "group therapy". */
    public static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static String join(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** Evidence as rules pass it: one fact, a collection of facts, or nothing. */
    static List<Fact> facts(Object evidence) {
        List<Fact> facts = new ArrayList<>();
        if (evidence instanceof Fact fact) {
            facts.add(fact);
        } else if (evidence instanceof Collection<?> collection) {
            for (Object item : collection) {
                if (item instanceof Fact fact) {
                    facts.add(fact);
                }
            }
        }
        return facts;
    }

    private static String values(Object checkIns, ToIntFunction<CheckIn> value) {
        return join(checkIns(checkIns).stream().map(checkIn -> String.valueOf(value.applyAsInt(checkIn))).toList());
    }

    private static List<CheckIn> checkIns(Object checkIns) {
        return facts(checkIns).stream().filter(CheckIn.class::isInstance).map(CheckIn.class::cast)
                .sorted(Comparator.comparing(CheckIn::at)).toList();
    }
}

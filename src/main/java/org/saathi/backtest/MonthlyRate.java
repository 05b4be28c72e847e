package org.saathi.backtest;

import java.time.Duration;
import java.util.Locale;

/**
 * Alerts per participant-month as a clinician reads them. A rate over a few participant-days
 * multiplies a handful of alerts into a figure nobody sees in a month (one alert over minutes
 * replayed reads as thousands a month), so below one participant-month replayed there is no rate,
 * only the count and the time it was counted over.
 */
public final class MonthlyRate {

    /** The participant time, in 30-day months, a monthly rate needs. */
    public static final double LEAST_MONTHS = 1;

    static final String TOO_LITTLE = "too little time replayed for a monthly rate";

    private MonthlyRate() {
    }

    /** Participant time in 30-day months, to two decimals. */
    static double months(Duration replayed) {
        return Math.round(replayed.toMinutes() / (30.0 * 24 * 60) * 100) / 100.0;
    }

    /** Alerts per participant-month, or null with less than {@link #LEAST_MONTHS} replayed. */
    static Double of(int alerts, double months) {
        return months < LEAST_MONTHS ? null : Math.round(alerts / months * 1000) / 1000.0;
    }

    /** "0.42", "3.50", "12.5", "1,234": two decimals where they matter, none where they do not. */
    public static String number(double value) {
        if (value < 10) {
            return String.format(Locale.ENGLISH, "%.2f", value);
        }
        return String.format(Locale.ENGLISH, value < 100 ? "%.1f" : "%,.0f", value);
    }

    /** "0.42 per participant-month", or why there is none and over how much time. */
    public static String inWords(Run.Summary summary) {
        Double rate = summary.alertsPerParticipantMonth();
        return rate == null ? TOO_LITTLE + " (" + months(summary.participantMonths()) + " replayed)"
                : number(rate) + " per participant-month";
    }

    /** The figure alone, as a table cell shows it, or why there is none. */
    public static String figure(Run.Summary summary) {
        Double rate = summary.alertsPerParticipantMonth();
        return rate == null ? "—, " + TOO_LITTLE + " (" + months(summary.participantMonths()) + ")" : number(rate);
    }

    /** "0.7 participant-months", "under 0.1 participant-months", "1 participant-month". */
    static String months(double months) {
        if (months < 0.1) {
            return "under 0.1 participant-months";
        }
        String figure = months < 10 ? String.format(Locale.ENGLISH, "%.1f", months).replaceAll("\\.0$", "")
                : String.format(Locale.ENGLISH, "%,.0f", months);
        return figure + (figure.equals("1") ? " participant-month" : " participant-months");
    }
}

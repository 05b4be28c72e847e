package org.saathi.facts;

import java.util.List;

/**
 * One answer of the Brief Addiction Monitor (Cacciola JS et al., "Development and initial
 * evaluation of the Brief Addiction Monitor (BAM)", J Subst Abuse Treat 2013;44:256-263), in the
 * order of the VA form: items 1-6, 7A-7G, 8-17, 23 answers. Each keeps the form's own range: a
 * rating 0-4, a count of days (or nights) of the past 30, or item 14's no (0) or yes (4). Item 5
 * is skipped when item 4 is 0 days, items 7A-7G when item 6 is 0 days.
 *
 * @param number   as the form numbers it: "1" … "17", "7A" … "7G"
 * @param question what it asks, for staff
 * @param answer   the kind of answer the form takes
 * @param subscale which score it counts towards, if any (items 7A-7G and 17 count towards none)
 */
public record BamItem(String number, String question, Answer answer, Subscale subscale) {

    public enum Answer {
        /** 0-4: none/excellent … extremely/poor, as the form's five choices. */
        RATING(4),
        /** 0-30 days of the past 30, scored in the form's bands: 0, 1-3, 4-8, 9-15, 16-30 days as 0-4. */
        DAYS(30),
        /** Item 14: no is 0, yes is 4. */
        NO_OR_YES(4);

        final int max;

        Answer(int max) {
            this.max = max;
        }

        public int max() {
            return max;
        }
    }

    public enum Subscale { USE, RISK, PROTECTIVE, NONE }

    public static final List<BamItem> FORM = List.of(
            new BamItem("1", "physical health (excellent 0 to poor 4)", Answer.RATING, Subscale.RISK),
            new BamItem("2", "nights with trouble falling or staying asleep", Answer.DAYS, Subscale.RISK),
            new BamItem("3", "days depressed, anxious, angry or very upset most of the day", Answer.DAYS,
                    Subscale.RISK),
            new BamItem("4", "days of any alcohol", Answer.DAYS, Subscale.USE),
            new BamItem("5", "days of heavy drinking (5 drinks or more; 4 for women and over 65)", Answer.DAYS,
                    Subscale.USE),
            new BamItem("6", "days of any illegal or street drug or misused prescription medication", Answer.DAYS,
                    Subscale.USE),
            new BamItem("7A", "days of marijuana", Answer.DAYS, Subscale.NONE),
            new BamItem("7B", "days of sedatives or tranquilisers", Answer.DAYS, Subscale.NONE),
            new BamItem("7C", "days of cocaine or crack", Answer.DAYS, Subscale.NONE),
            new BamItem("7D", "days of other stimulants", Answer.DAYS, Subscale.NONE),
            new BamItem("7E", "days of opiates", Answer.DAYS, Subscale.NONE),
            new BamItem("7F", "days of inhalants", Answer.DAYS, Subscale.NONE),
            new BamItem("7G", "days of other drugs", Answer.DAYS, Subscale.NONE),
            new BamItem("8", "bothered by cravings or urges (not at all 0 to extremely 4)", Answer.RATING,
                    Subscale.RISK),
            new BamItem("9", "confidence in staying abstinent the next 30 days (not at all 0 to extremely 4)",
                    Answer.RATING, Subscale.PROTECTIVE),
            new BamItem("10", "days at self-help meetings", Answer.DAYS, Subscale.PROTECTIVE),
            new BamItem("11", "days in risky situations or with people who raise the risk of use", Answer.DAYS,
                    Subscale.RISK),
            new BamItem("12", "religion or spirituality supports recovery (not at all 0 to extremely 4)",
                    Answer.RATING, Subscale.PROTECTIVE),
            new BamItem("13", "days spent much of the time at work, school or volunteering", Answer.DAYS,
                    Subscale.PROTECTIVE),
            new BamItem("14", "enough income from legal sources for necessities (no 0, yes 4)", Answer.NO_OR_YES,
                    Subscale.PROTECTIVE),
            new BamItem("15", "bothered by arguments or problems with family or friends (not at all 0 to extremely 4)",
                    Answer.RATING, Subscale.RISK),
            new BamItem("16", "days in contact with family or friends supportive of recovery", Answer.DAYS,
                    Subscale.PROTECTIVE),
            new BamItem("17", "satisfied with progress towards recovery goals (not at all 0 to extremely 4)",
                    Answer.RATING, Subscale.NONE));

    /** Position in the answers of item 4 (any alcohol), 5 (heavy drinking), 6 (any drug) and 7A. */
    static final int ALCOHOL = 3;
    static final int HEAVY_DRINKING = 4;
    static final int ANY_DRUG = 5;
    static final int FIRST_DRUG = 6;
    static final int LAST_DRUG = 12;

    /** The answer as scored: a rating as given, days in the form's bands 0-4. */
    public int score(int value) {
        if (answer != Answer.DAYS) {
            return value;
        }
        return value == 0 ? 0 : value <= 3 ? 1 : value <= 8 ? 2 : value <= 15 ? 3 : 4;
    }

    /** "12 days", "rating 3", "yes". */
    public String describe(int value) {
        return switch (answer) {
            case DAYS -> value + (question.startsWith("nights") ? " nights" : value == 1 ? " day" : " days");
            case RATING -> String.valueOf(value);
            case NO_OR_YES -> value == 4 ? "yes" : "no";
        };
    }
}

package org.saathi.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Brief Addiction Monitor with its 23 answers as the form takes them ({@link BamItem#FORM}; a
 * skipped answer is null) and its subscales of the scored answers (days in the form's bands 0-4):
 * Use = items 4+5+6 (0-12), Risk = 1+2+3+8+11+15 (0-24), Protective = 9+10+12+13+14+16 (0-24).
 * A BAM stored before the form's own ranges were kept has no answers, only its subscales.
 */
public record Bam(String id, String participantId, Instant at, int use, int risk, int protective,
        List<Integer> answers) implements Fact {

    /** The form asks about the past 30 days. */
    public static final Duration RECALL = Duration.ofDays(30);

    public Bam {
        answers = answers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(answers));
    }

    /** From the form's answers, which must have passed {@link BamAnswers#problems}. */
    public static Bam of(String id, String participantId, Instant at, List<Integer> answers) {
        List<BamAnswers.Problem> problems = BamAnswers.problems(answers);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0).message());
        }
        int[] subscales = new int[BamItem.Subscale.values().length];
        for (int i = 0; i < answers.size(); i++) {
            Integer value = answers.get(i);
            BamItem item = BamItem.FORM.get(i);
            subscales[item.subscale().ordinal()] += value == null ? 0 : item.score(value);
        }
        return new Bam(id, participantId, at, subscales[BamItem.Subscale.USE.ordinal()],
                subscales[BamItem.Subscale.RISK.ordinal()], subscales[BamItem.Subscale.PROTECTIVE.ordinal()],
                answers);
    }

    /** A BAM stored as 17 answers already scored 0-4, before the form's own ranges were kept. */
    public static Bam ofScoredItems(String id, String participantId, Instant at, List<Integer> items) {
        return new Bam(id, participantId, at, sum(items, 4, 5, 6), sum(items, 1, 2, 3, 8, 11, 15),
                sum(items, 9, 10, 12, 13, 14, 16), List.of());
    }

    /**
     * Whether an earlier BAM of the 30 days before this one already reported as much use: at least
     * as many days on each of items 4, 5, 6 and 7A-7G. Then this one reports nothing the earlier did
     * not, as far as its answers can tell: a weekly BAM asks about largely the same 30 days again.
     */
    public boolean reportsNoMoreUseThan(Bam earlier) {
        if (!earlier.at.isBefore(at) || earlier.at.isBefore(at.minus(RECALL))) {
            return false;
        }
        if (answers.isEmpty() || earlier.answers.isEmpty()) {
            return use <= earlier.use;
        }
        for (int i = BamItem.ALCOHOL; i <= BamItem.LAST_DRUG; i++) {
            if (days(answers, i) > days(earlier.answers, i)) {
                return false;
            }
        }
        return true;
    }

    /** "use 4, risk 10, protective 14: 1 rating 2, 2 5 nights, 3 4 days, …, 5 skipped, …". */
    @Override
    public String summary() {
        String scores = "BAM use " + use + ", risk " + risk + ", protective " + protective;
        return answers.isEmpty() ? scores : scores + "; answers " + answersText();
    }

    /** Each item's answer as the form asks for it: "1: 2; 2: 5 nights; …; 5: skipped; …". */
    public String answersText() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            BamItem item = BamItem.FORM.get(i);
            Integer value = answers.get(i);
            parts.add(item.number() + ": " + (value == null ? "skipped" : item.describe(value)));
        }
        return String.join("; ", parts);
    }

    @Override
    public String type() {
        return "SCREENING";
    }

    private static int days(List<Integer> answers, int index) {
        Integer value = answers.get(index);
        return value == null ? 0 : value;
    }

    private static int sum(List<Integer> items, int... oneBasedItems) {
        int sum = 0;
        for (int item : oneBasedItems) {
            sum += items.get(item - 1);
        }
        return sum;
    }
}

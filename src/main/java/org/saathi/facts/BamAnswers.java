package org.saathi.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a BAM's 23 answers against the form ({@link BamItem#FORM}): each within its own range, the
 * skips followed, and no count of days above the count it is part of. One copy of these checks, for
 * the API, the facts files of a backtest and the scenario tests.
 */
public final class BamAnswers {

    /** What is wrong with one answer ({@code index} into the answers, -1 for the whole list). */
    public record Problem(int index, String message) {
    }

    private BamAnswers() {
    }

    public static List<Problem> problems(List<Integer> answers) {
        List<Problem> problems = new ArrayList<>();
        if (answers == null || answers.size() != BamItem.FORM.size()) {
            problems.add(new Problem(-1, "must have exactly 23 answers: items 1-6, 7A-7G and 8-17 of the form"));
            return problems;
        }
        for (int i = 0; i < answers.size(); i++) {
            BamItem item = BamItem.FORM.get(i);
            Integer value = answers.get(i);
            if (value == null) {
                continue;
            }
            if (value < 0 || value > item.answer().max()) {
                problems.add(new Problem(i, "item " + item.number() + " must be between 0 and " + item.answer().max()));
            } else if (item.answer() == BamItem.Answer.NO_OR_YES && value != 0 && value != 4) {
                problems.add(new Problem(i, "item " + item.number() + " must be 0 (no) or 4 (yes)"));
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i) == null && !isSkipped(answers, i) && !isAfterUnanswered(answers, i)) {
                problems.add(new Problem(i, "item " + BamItem.FORM.get(i).number() + " must be answered"));
            }
        }
        if (problems.isEmpty()) {
            checkPart(answers, BamItem.HEAVY_DRINKING, BamItem.ALCOHOL, problems);
            for (int drug = BamItem.FIRST_DRUG; drug <= BamItem.LAST_DRUG; drug++) {
                checkPart(answers, drug, BamItem.ANY_DRUG, problems);
            }
        }
        return problems;
    }

    /** Whether the form skips this answer: item 5 after no alcohol, items 7A-7G after no drug. */
    static boolean isSkipped(List<Integer> answers, int index) {
        Integer gate = answers.get(gateOf(index));
        return gateOf(index) != index && gate != null && gate == 0;
    }

    private static boolean isAfterUnanswered(List<Integer> answers, int index) {
        return gateOf(index) != index && answers.get(gateOf(index)) == null;
    }

    private static int gateOf(int index) {
        if (index == BamItem.HEAVY_DRINKING) {
            return BamItem.ALCOHOL;
        }
        return index >= BamItem.FIRST_DRUG && index <= BamItem.LAST_DRUG ? BamItem.ANY_DRUG : index;
    }

    /** A skipped answer must be left out; an answered one must not count more days than the whole. */
    private static void checkPart(List<Integer> answers, int part, int whole, List<Problem> problems) {
        BamItem partItem = BamItem.FORM.get(part);
        BamItem wholeItem = BamItem.FORM.get(whole);
        Integer days = answers.get(part);
        int of = answers.get(whole);
        if (of == 0 && days != null) {
            problems.add(new Problem(part, "item " + partItem.number() + " is skipped when item " + wholeItem.number()
                    + " (" + wholeItem.question() + ") is 0: leave it out (null)"));
        } else if (days != null && days > of) {
            problems.add(new Problem(part, "item " + partItem.number() + " (" + partItem.question() + ", " + days
                    + ") is more than item " + wholeItem.number() + " (" + wholeItem.question() + ", " + of + ")"));
        }
    }
}

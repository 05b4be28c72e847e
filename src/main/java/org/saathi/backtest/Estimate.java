package org.saathi.backtest;

import java.util.List;
import java.util.Locale;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;

/**
 * How much work a backtest asks for, known from a count of participants and the period alone, so
 * that one that would take hours is refused before a candidate compiles or a fact is read.
 */
record Estimate(int participants, long steps) {

    long evaluations() {
        return (long) participants * steps;
    }

    /** Throws a 422 naming the step, with the figures, when the backtest asks for more than {@code most}. */
    void refuseAbove(long most) {
        if (evaluations() <= most) {
            return;
        }
        String figures = String.format(Locale.ROOT, "about %,d evaluations (%,d participants × %,d steps); a "
                + "backtest may ask for at most %,d", evaluations(), participants, steps, most);
        throw ApiProblem.unprocessable("backtest-too-large", "Backtest too large", "This backtest would take "
                + figures + ".", List.of(new FieldProblem("step", "would take " + figures
                        + ": choose a longer step, a shorter period or fewer participants")));
    }
}

package org.saathi.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.facts.BamAnswers;

/** Scores computed from a screening's answers, returned to the sender and kept with the fact. */
sealed interface ScreeningScores {

    /** PHQ-9: nine items 0–3; total 0–27 in five severity bands; item 9 asks about self-harm. */
    record Phq9(int total, Severity severity, int item9) implements ScreeningScores {

        enum Severity { MINIMAL, MILD, MODERATE, MODERATELY_SEVERE, SEVERE }

        static Phq9 of(List<Integer> items) {
            int total = org.saathi.facts.Phq9.of("", "", java.time.Instant.EPOCH, items).total();
            Severity severity = total >= 20 ? Severity.SEVERE
                    : total >= 15 ? Severity.MODERATELY_SEVERE
                    : total >= 10 ? Severity.MODERATE
                    : total >= 5 ? Severity.MILD
                    : Severity.MINIMAL;
            return new Phq9(total, severity, items.get(8));
        }
    }

    /**
     * Brief Addiction Monitor: 23 answers in the form's own ranges ({@link org.saathi.facts.BamItem}),
     * scored in its bands. Use = 4+5+6, Risk = 1+2+3+8+11+15, Protective = 9+10+12+13+14+16; the
     * flags follow the participant's programme thresholds SCR-004.use, SCR-004.risk and
     * SCR-004.protective, as the rules do.
     */
    record Bam(int use, int risk, int protective, boolean useFlag, boolean riskFlag, boolean protectiveFlag)
            implements ScreeningScores {

        static Bam of(List<Integer> answers, ToDoubleFunction<String> threshold) {
            org.saathi.facts.Bam bam = org.saathi.facts.Bam.of("", "", java.time.Instant.EPOCH, answers);
            return new Bam(bam.use(), bam.risk(), bam.protective(), bam.use() >= threshold.applyAsDouble("SCR-004.use"),
                    bam.risk() >= threshold.applyAsDouble("SCR-004.risk"),
                    bam.protective() <= threshold.applyAsDouble("SCR-004.protective"));
        }
    }

    /** {@code confirmed} is false for a presumptive positive, true otherwise (when not said, too). */
    record DrugScreen(boolean positive, boolean confirmed) implements ScreeningScores {
    }

    /**
     * Checks that the request carries what its instrument needs, all problems at once, then scores it
     * with the participant's thresholds.
     */
    static ScreeningScores of(ScreeningRequest request, ToDoubleFunction<String> threshold) {
        List<FieldProblem> problems = new ArrayList<>();
        ScreeningScores scores = switch (request.instrument()) {
            case PHQ9 -> {
                checkItems(problems, request.items(), org.saathi.facts.Phq9.ITEMS,
                        org.saathi.facts.Phq9.HIGHEST_ANSWER);
                refuse(problems, request.positive() != null, "positive", "is only for DRUG_SCREEN");
                refuse(problems, request.substances() != null, "substances", "is only for DRUG_SCREEN");
                refuse(problems, request.confirmed() != null, "confirmed", "is only for DRUG_SCREEN");
                yield problems.isEmpty() ? Phq9.of(request.items()) : null;
            }
            case BAM -> {
                BamAnswers.problems(request.items()).forEach(problem -> problems.add(new FieldProblem(
                        problem.index() < 0 ? "items" : "items[" + problem.index() + "]", problem.message())));
                refuse(problems, request.positive() != null, "positive", "is only for DRUG_SCREEN");
                refuse(problems, request.substances() != null, "substances", "is only for DRUG_SCREEN");
                refuse(problems, request.confirmed() != null, "confirmed", "is only for DRUG_SCREEN");
                yield problems.isEmpty() ? Bam.of(request.items(), threshold) : null;
            }
            case DRUG_SCREEN -> {
                refuse(problems, request.positive() == null, "positive", "must not be null");
                refuse(problems, request.items() != null, "items", "is not used by DRUG_SCREEN");
                refuse(problems, Boolean.FALSE.equals(request.positive()) && request.substances() != null
                        && !request.substances().isEmpty(), "substances", "must be empty for a negative screen");
                yield problems.isEmpty() ? new DrugScreen(request.positive(), !request.presumptive()) : null;
            }
        };
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return scores;
    }

    private static void checkItems(List<FieldProblem> problems, List<Integer> items, int count, int max) {
        if (items == null || items.size() != count) {
            problems.add(new FieldProblem("items", "must have exactly " + count + " answers"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                problems.add(new FieldProblem("items[" + i + "]", "must not be null"));
            } else if (items.get(i) < 0 || items.get(i) > max) {
                problems.add(new FieldProblem("items[" + i + "]", "must be between 0 and " + max));
            }
        }
    }

    private static void refuse(List<FieldProblem> problems, boolean wrong, String field, String message) {
        if (wrong) {
            problems.add(new FieldProblem(field, message));
        }
    }
}

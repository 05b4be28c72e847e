package org.saathi.roster;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.facts.Substance;

/** A participant's prescribed substances as the API names them and as they are stored. */
final class PrescribedSubstances {

    static final String FIELD = "prescribedSubstances";

    private static final String KNOWN = Arrays.stream(Substance.values()).filter(Substance::prescribable)
            .map(Substance::label).collect(Collectors.joining(", "));

    private PrescribedSubstances() {
    }

    /** The substances named, or a problem naming each one that is not a medication of the vocabulary. */
    static Set<Substance> parse(Collection<String> names) {
        if (names == null) {
            return Set.of();
        }
        Set<Substance> substances = EnumSet.noneOf(Substance.class);
        List<FieldProblem> problems = new ArrayList<>();
        int index = 0;
        for (String name : names) {
            Optional<Substance> substance = Substance.named(name).filter(Substance::prescribable);
            substance.ifPresent(substances::add);
            if (substance.isEmpty()) {
                problems.add(new FieldProblem(FIELD + "[" + index + "]", "must be one of: " + KNOWN));
            }
            index++;
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return substances;
    }

    static String[] stored(Set<Substance> substances) {
        return substances.stream().sorted().map(Substance::label).toArray(String[]::new);
    }

    static Set<Substance> read(Array stored) throws SQLException {
        Set<Substance> substances = EnumSet.noneOf(Substance.class);
        for (String name : (String[]) stored.getArray()) {
            substances.add(Substance.named(name).orElseThrow());
        }
        return substances;
    }
}

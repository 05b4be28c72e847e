package org.saathi.facts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The substances a drug screen names and a substitution or medication programme prescribes, in one
 * vocabulary so that the two can be compared. Written in lower case ({@code methadone}); a name is
 * read whatever its case, and a laboratory's usual other name for the same substance ({@code eddp},
 * the metabolite that shows methadone was taken; {@code norbuprenorphine}; {@code heroin}) is read
 * as it. {@code opiates} is what an immunoassay panel says when it does not tell heroin from
 * morphine or codeine: it names no medication, so it cannot be prescribed, and a screen that says
 * it is never taken for a prescribed medication.
 */
public enum Substance {
    ALCOHOL, AMPHETAMINES("amphetamine"), BARBITURATES, BENZODIAZEPINES, BUPRENORPHINE("norbuprenorphine"),
    CANNABIS("thc"), COCAINE, CODEINE, DIACETYLMORPHINE("heroin"), FENTANYL, GABAPENTIN, HYDROMORPHONE, KETAMINE,
    MDMA, METHADONE("eddp"), METHAMPHETAMINE, METHYLPHENIDATE, MORPHINE, NALTREXONE, OPIATES(false, "opioids"),
    OXYCODONE, PREGABALIN, TRAMADOL;

    private final boolean prescribable;
    private final Set<String> otherNames;

    Substance(String... otherNames) {
        this(true, otherNames);
    }

    Substance(boolean prescribable, String... otherNames) {
        this.prescribable = prescribable;
        this.otherNames = Set.of(otherNames);
    }

    /** The substance a name stands for, if the vocabulary knows it. */
    public static Optional<Substance> named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(substance -> substance.label().equals(wanted) || substance.otherNames.contains(wanted))
                .findFirst();
    }

    /** The laboratory's other names for it, in lower case. */
    public Set<String> otherNames() {
        return otherNames;
    }

    /** Whether a programme can prescribe it: false for a class result that names no medication. */
    public boolean prescribable() {
        return prescribable;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package org.saathi.facts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A drug screen's result. {@code substances} are the names the screen gave, as sent (empty when it
 * named none); which they are stays in the record and is never part of an alert or a message.
 * {@code presumptive} is an immunoassay's positive not yet confirmed by a laboratory test.
 */
public record DrugScreen(String id, String participantId, Instant at, boolean positive, List<String> substances,
        boolean presumptive) implements Fact {

    /** How many substances a screen may name, and how long a name may be. */
    public static final int MOST_SUBSTANCES = 20;
    public static final int LONGEST_SUBSTANCE = 40;

    public DrugScreen {
        Objects.requireNonNull(at, "at");
        substances = substances == null ? List.of() : List.copyOf(substances);
    }

    /** A confirmed result that names no substance, as screens were recorded before substances were read. */
    public DrugScreen(String id, String participantId, Instant at, boolean positive) {
        this(id, participantId, at, positive, List.of(), false);
    }

    /**
     * Whether the screen is positive for anything beyond what the participant is prescribed. A
     * positive that names no substance, or names one the vocabulary does not know, is taken as use.
     */
    public boolean showsUseBeyond(Set<Substance> prescribed) {
        return positive && (substances.isEmpty() || substances.stream()
                .anyMatch(name -> Substance.named(name).filter(prescribed::contains).isEmpty()));
    }

    @Override
    public String type() {
        return "SCREENING";
    }

    @Override
    public String summary() {
        return !positive ? "drug screen negative" : presumptive ? "drug screen presumptive positive"
                : "drug screen positive";
    }
}

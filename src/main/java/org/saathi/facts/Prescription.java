package org.saathi.facts;

import java.util.Set;

/**
 * What the participant's substitution or medication programme prescribes them (empty when
 * nothing), so that a drug screen positive for their medication alone is not read as use.
 */
public record Prescription(String participantId, Set<Substance> substances) {

    public Prescription {
        substances = Set.copyOf(substances);
    }
}

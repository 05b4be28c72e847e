package org.saathi.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.saathi.facts.CheckIn;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.Fact;
import org.saathi.facts.PeriodWithoutUse;
import org.saathi.facts.Substance;

/**
 * Finds, for each use in the window (a check-in reporting use, a screen positive beyond the
 * prescription), the period without use before it, where the window shows one: a check-in saying
 * no use or a screen finding nothing unprescribed after the previous use. A check-in that did not
 * ask about use says nothing either way. Silence in between is
 * not taken for use: a stay in hospital, detox or prison, after which tolerance is lowest, is silent.
 */
final class PeriodsWithoutUse {

    private PeriodsWithoutUse() {
    }

    /** What a check-in or screen says: use, no use, or a presumptive positive that may be use. */
    private enum Says { USE, NO_USE, MAYBE_USE }

    private record Evidence(Fact fact, Says says) {
    }

    static List<PeriodWithoutUse> of(String participantId, List<CheckIn> checkIns, List<DrugScreen> screens,
            Set<Substance> prescribed) {
        List<Evidence> evidence = new ArrayList<>();
        checkIns.stream().filter(c -> c.usedSubstance() != null)
                .forEach(c -> evidence.add(new Evidence(c, c.reportedUse() ? Says.USE : Says.NO_USE)));
        screens.forEach(s -> evidence.add(new Evidence(s, !s.showsUseBeyond(prescribed) ? Says.NO_USE
                : s.presumptive() ? Says.MAYBE_USE : Says.USE)));
        // At the same moment a use comes first, so that a "no" sent with it does not start a period.
        evidence.sort(Comparator.comparing((Evidence e) -> e.fact().at()).thenComparing(e -> e.says() == Says.NO_USE));
        List<PeriodWithoutUse> periods = new ArrayList<>();
        Instant since = null;
        for (Evidence e : evidence) {
            if (e.says() == Says.NO_USE) {
                since = since == null ? e.fact().at() : since;
                continue;
            }
            if (since != null) {
                periods.add(new PeriodWithoutUse(participantId, e.fact().id(), since, e.fact().at()));
            }
            // A presumptive positive is not yet known to be use: it does not end the period, so that its
            // laboratory confirmation, sent as a screen of its own, is read after the same period.
            since = e.says() == Says.USE ? null : since;
        }
        return periods;
    }
}

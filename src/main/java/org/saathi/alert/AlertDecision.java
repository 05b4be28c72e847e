package org.saathi.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.saathi.facts.Severity;
import org.saathi.rules.Finding;

/**
 * What the policy decides about one of a participant's alerts at one evaluation: the first stage
 * of the pipeline (decide, write, ask). {@link Alerts} writes each decision through
 * {@link AlertStore} and asks through {@link AlertNotifier}; nothing here reads or writes a table.
 */
sealed interface AlertDecision {

    /**
     * The alert's condition no longer holds; {@code by} the fact that made the difference, and
     * {@code resolve} when Saathi resolves it at once (a WATCH raised about a moment already over).
     */
    record Clear(AlertStore.OpenRow alert, Optional<AlertStore.Evidence> by, boolean resolve) implements AlertDecision {
    }

    /** A cleared alert's condition holds again, as the finding explains: it goes on where it stopped. */
    record Unclear(AlertStore.OpenRow alert, String explanation) implements AlertDecision {
    }

    /** A new alert from the finding; {@code evidence} the facts it rests on, its recipients asked by the deadline. */
    record Raise(Finding finding, List<AlertStore.Evidence> evidence, Instant ackDueAt) implements AlertDecision {
    }

    /**
     * The finding is news for its rule's open alert: a higher severity or new CRITICAL evidence asks
     * its recipients again with a fresh deadline, other evidence only joins it.
     *
     * @param evidence the facts it now rests on that it did not (or only at a lower severity)
     * @param ackDueAt the alert's deadline after the change
     */
    record Update(AlertStore.OpenRow alert, Finding finding, AlertPolicy.Change change,
            List<AlertStore.Evidence> evidence, Instant ackDueAt) implements AlertDecision {

        /** The alert's severity after the change. */
        Severity severity() {
            return change.asks() ? finding.severity() : alert.severity();
        }
    }

    /** The finding is no news: every fact it rests on is held already at this severity. Nothing is written. */
    record Leave(Finding finding) implements AlertDecision {
    }
}

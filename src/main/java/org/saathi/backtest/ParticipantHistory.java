package org.saathi.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.saathi.roster.ParticipantContext;
import org.saathi.rules.RecordedFacts;

/**
 * One participant as a replay reads them: who they are, their programme's own thresholds, their
 * facts from a window before the period to its end with the moment each was received (by fact id;
 * a fact without one counts from when it was recorded), and when staff confirmed a relapse.
 */
public record ParticipantHistory(ParticipantContext participant, Map<String, Double> programmeThresholds,
        RecordedFacts facts, Map<String, Instant> receivedAt, List<Instant> relapsesConfirmed) {

    public ParticipantHistory {
        programmeThresholds = Map.copyOf(programmeThresholds);
        receivedAt = Map.copyOf(receivedAt);
        relapsesConfirmed = List.copyOf(relapsesConfirmed);
    }
}

package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.saathi.alert.AlertQueries;
import org.saathi.ingest.FactHistory;
import org.saathi.roster.Caseload;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Roster;
import org.springframework.stereotype.Component;

/**
 * Reads the participants of a backtest from the store, a batch at a time: their context, their
 * facts from a window before the period to its end with the moments they were received, and the
 * relapses staff confirmed. Only one batch is ever held, whatever the size of the programme.
 */
@Component
class Histories {

    private final Roster roster;
    private final FactHistory history;
    private final AlertQueries alerts;

    Histories(Roster roster, FactHistory history, AlertQueries alerts) {
        this.roster = roster;
        this.history = history;
        this.alerts = alerts;
    }

    /**
     * Hands the named participants, or else every active participant of the caseload in id order, to
     * {@code replay} in batches; {@code window} is how far before the period the rules look.
     */
    void forEachBatch(Caseload caseload, Optional<List<String>> named, ReplayOptions options, Duration window,
            int size, Consumer<List<ParticipantHistory>> replay) {
        Map<String, Map<String, Double>> thresholds = new HashMap<>();
        if (named.isPresent()) {
            List<String> ids = named.get();
            for (int start = 0; start < ids.size(); start += size) {
                replay.accept(read(ids.subList(start, Math.min(ids.size(), start + size)), options, window,
                        thresholds));
            }
            return;
        }
        String after = "";
        List<String> batch;
        while (!(batch = roster.activeIn(caseload, after, size)).isEmpty()) {
            replay.accept(read(batch, options, window, thresholds));
            after = batch.get(batch.size() - 1);
        }
    }

    private List<ParticipantHistory> read(List<String> ids, ReplayOptions options, Duration window,
            Map<String, Map<String, Double>> thresholds) {
        Map<String, ParticipantContext> participants = roster.contexts(ids);
        Map<String, FactHistory.Received> facts = history.forReplay(participants.keySet(),
                options.from().minus(window), options.to());
        Map<String, List<Instant>> relapses = alerts.relapsesConfirmed(participants.keySet(), options.from(),
                options.to());
        List<ParticipantHistory> batch = new ArrayList<>();
        for (ParticipantContext participant : participants.values()) {
            FactHistory.Received received = facts.get(participant.id());
            batch.add(new ParticipantHistory(participant,
                    thresholds.computeIfAbsent(participant.programmeId(), roster::thresholdOverrides),
                    received.facts(), received.receivedAt(), relapses.getOrDefault(participant.id(), List.of())));
        }
        return batch;
    }
}

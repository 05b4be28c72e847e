package org.saathi.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.alert.AlertQueries;
import org.saathi.alert.AlertViews;
import org.saathi.alert.HistoryAction;
import org.saathi.ingest.FactRecords;
import org.saathi.roster.Participant;
import org.saathi.roster.ParticipantRecords;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.stereotype.Service;

/**
 * A participant's facts, signals and alerts in time order, for staff whose caseload holds them.
 * A signal is a rule finding something (an alert raised, its severity rising, new evidence); the
 * alert entries are what staff and the ladder did about it.
 */
@Service
public class ParticipantTimeline {

    public static final Duration LONGEST = Duration.ofDays(366);

    /**
     * @param type a fact type, SIGNAL or ALERT
     * @param id the fact's id, or the alert's
     */
    public record Item(String type, String id, Instant at, Map<String, Object> values) {
    }

    public record Timeline(Participant participant, Instant from, Instant to, List<Item> items, boolean truncated) {
    }

    private final ParticipantRecords participants;
    private final FactRecords facts;
    private final AlertQueries alerts;

    ParticipantTimeline(ParticipantRecords participants, FactRecords facts, AlertQueries alerts) {
        this.participants = participants;
        this.facts = facts;
        this.alerts = alerts;
    }

    /** The timeline of {@code [from, to)}; empty when the participant is not in the caller's caseload. */
    public Optional<Timeline> of(Caller caller, String participantId, Instant from, Instant to) {
        return of(caller, participantId, from, to, Audit.Action.TIMELINE_VIEWED);
    }

    /** As {@link #of(Caller, String, Instant, Instant)}, audited as the page that shows it. */
    public Optional<Timeline> of(Caller caller, String participantId, Instant from, Instant to, Audit.Action view) {
        return participants.view(caller, participantId, view).map(participant -> {
            List<FactRecords.RecordedFact> recorded = facts.between(participantId, from, to);
            List<AlertViews.Event> events = alerts.events(participantId, from, to, FactRecords.LIMIT);
            List<Item> items = new ArrayList<>(recorded.size() + events.size());
            recorded.forEach(fact -> items.add(new Item(fact.type(), fact.id(), fact.at(), fact.values())));
            events.forEach(event -> items.add(new Item(isSignal(event) ? "SIGNAL" : "ALERT",
                    event.alertId().toString(), event.at(), Map.of("ruleId", event.ruleId(), "ruleName",
                            event.ruleName(), "severity", event.severity(), "action", event.action()))));
            items.sort(Comparator.comparing(Item::at));
            boolean truncated = recorded.size() >= FactRecords.LIMIT || events.size() >= FactRecords.LIMIT;
            return new Timeline(participant, from, to, items, truncated);
        });
    }

    /** A signal is a rule finding something; the other entries are what staff and the ladder did. */
    private static boolean isSignal(AlertViews.Event event) {
        return HistoryAction.read(event.action()).filter(HistoryAction::isSignal).isPresent();
    }
}

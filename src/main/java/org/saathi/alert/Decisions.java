package org.saathi.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.facts.Fact;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.rules.Finding;

/**
 * One evaluation's decisions, made in the order the writes happen: first the alerts whose condition
 * cleared, then the cleared alerts the findings hold again, then each finding. Each decision is
 * folded into the picture before the next is made, as the tables would hold it by then.
 */
final class Decisions {

    private final ParticipantContext participant;
    private final Instant now;
    private final Map<String, AlertStore.OpenRow> open = new LinkedHashMap<>();
    private final Map<String, Map<String, Severity>> known = new HashMap<>();
    private final List<AlertDecision> decisions = new ArrayList<>();

    Decisions(AlertPolicy.Picture picture, Instant now) {
        this.participant = picture.participant();
        this.now = now;
        picture.open().forEach(row -> open.put(row.ruleId(), row));
        picture.known().forEach((rule, facts) -> known.put(rule, new HashMap<>(facts)));
    }

    List<AlertDecision> decide(List<Finding> findings, List<AlertPolicy.Cleared> cleared) {
        cleared.forEach(this::clear);
        if (!findings.isEmpty()) {
            List.copyOf(open.values()).stream().filter(AlertStore.OpenRow::cleared).forEach(row -> unclear(row, findings));
        }
        findings.forEach(this::decide);
        return List.copyOf(decisions);
    }

    private void clear(AlertPolicy.Cleared condition) {
        AlertStore.OpenRow row = open.get(condition.ruleId());
        if (row == null || row.cleared() || row.severity() == Severity.CRITICAL) {
            return;
        }
        AlertStore.Evidence by = evidence(condition.by());
        boolean resolve = row.status() == AlertStatus.OPEN
                && AlertPolicy.resolvesItselfOnceCleared(row.severity(), Optional.of(by.at()), row.raisedAt());
        decisions.add(new AlertDecision.Clear(row, Optional.of(by), resolve));
        if (resolve) {
            open.remove(row.ruleId());
        } else {
            open.put(row.ruleId(), withClearedAt(row, now));
        }
    }

    private void unclear(AlertStore.OpenRow row, List<Finding> findings) {
        findings.stream()
                .filter(finding -> Finding.holds(row.ruleId(), row.severity(), List.of(finding)))
                .findFirst()
                .ifPresent(finding -> {
                    decisions.add(new AlertDecision.Unclear(row, finding.explanation()));
                    open.put(row.ruleId(), withClearedAt(row, null));
                });
    }

    private void decide(Finding finding) {
        Map<String, Severity> knownOfRule = known.computeIfAbsent(finding.ruleId(), rule -> new HashMap<>());
        if (!AlertPolicy.isNews(AlertPolicy.evidenceIds(finding, participant), finding.severity(), knownOfRule)) {
            decisions.add(new AlertDecision.Leave(finding));
            return;
        }
        Optional<AlertStore.OpenRow> row = Optional.ofNullable(open.get(finding.ruleId()));
        AlertPolicy.Change change = AlertPolicy.change(row.map(AlertStore.OpenRow::severity), finding.severity());
        Instant ackDueAt = change.asks() ? now.plus(finding.acknowledgeWithin()) : row.get().ackDueAt();
        Severity severity = change.asks() ? finding.severity() : row.get().severity();
        List<AlertStore.Evidence> evidence = AlertPolicy.evidence(finding, participant).stream()
                .filter(fact -> !knownOfRule.containsKey(fact.factId())
                        || severity.isAbove(knownOfRule.get(fact.factId())))
                .toList();
        evidence.forEach(fact -> knownOfRule.put(fact.factId(), severity));
        if (row.isEmpty()) {
            decisions.add(new AlertDecision.Raise(finding, evidence, ackDueAt));
            open.put(finding.ruleId(), new AlertStore.OpenRow(null, severity, AlertStatus.OPEN, now, ackDueAt,
                    finding.ruleId(), finding.acknowledgeWithin(), null));
            return;
        }
        decisions.add(new AlertDecision.Update(row.get(), finding, change, evidence, ackDueAt));
        if (change.asks()) {
            AlertStore.OpenRow was = row.get();
            open.put(finding.ruleId(), new AlertStore.OpenRow(was.id(), severity, AlertStatus.OPEN, was.raisedAt(),
                    ackDueAt, was.ruleId(), finding.acknowledgeWithin(), was.clearedAt()));
        }
    }

    static AlertStore.Evidence evidence(Fact fact) {
        return new AlertStore.Evidence(fact.id(), fact.type(), fact.at(), fact.summary());
    }

    private static AlertStore.OpenRow withClearedAt(AlertStore.OpenRow row, Instant clearedAt) {
        return new AlertStore.OpenRow(row.id(), row.severity(), row.status(), row.raisedAt(), row.ackDueAt(),
                row.ruleId(), row.acknowledgeWithin(), clearedAt);
    }
}

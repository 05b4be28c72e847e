package org.saathi.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The difference per rule between two runs of the same replay. */
final class Comparison {

    private record Key(String participantId, String ruleId, Instant raisedAt) {
    }

    private Comparison() {
    }

    /** Per rule that either run raised: what {@code other} added to {@code base}, and what it removed. */
    static Map<String, Result.Difference> between(Run base, Run other) {
        Set<Key> inBase = keys(base.alerts());
        Set<Key> inOther = keys(other.alerts());
        Set<String> rules = new TreeSet<>();
        base.alerts().forEach(alert -> rules.add(alert.ruleId()));
        other.alerts().forEach(alert -> rules.add(alert.ruleId()));
        Map<String, Result.Difference> difference = new TreeMap<>();
        for (String rule : rules) {
            difference.put(rule, new Result.Difference(missingFrom(other.alerts(), rule, inBase),
                    missingFrom(base.alerts(), rule, inOther)));
        }
        return difference;
    }

    private static Set<Key> keys(List<ReplayedAlert> alerts) {
        Set<Key> keys = new HashSet<>();
        alerts.forEach(alert -> keys.add(key(alert)));
        return keys;
    }

    private static Key key(ReplayedAlert alert) {
        return new Key(alert.participantId(), alert.ruleId(), alert.raisedAt());
    }

    private static List<Result.Change> missingFrom(List<ReplayedAlert> alerts, String rule, Set<Key> elsewhere) {
        List<Result.Change> changes = new ArrayList<>();
        alerts.stream().filter(alert -> alert.ruleId().equals(rule) && !elsewhere.contains(key(alert)))
                .forEach(alert -> changes.add(new Result.Change(alert.participantId(), alert.severity().name(),
                        alert.raisedAt())));
        return changes;
    }
}

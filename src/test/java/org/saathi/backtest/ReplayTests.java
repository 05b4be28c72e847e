package org.saathi.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saathi.facts.CheckIn;
import org.saathi.ingest.FactHistory;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;
import org.saathi.rules.RuleSetReplay;

class ReplayTests {

    static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    static RuleSetReplay rules;

    @BeforeAll
    static void compile() {
        rules = RuleSetReplay.compile(Path.of("rules"));
    }

    static ParticipantContext participant(String id) {
        return new ParticipantContext(id, "default", ParticipantStatus.ACTIVE, true, FROM.minus(Duration.ofDays(60)),
                "mentor-1", "counsellor-1", Optional.of("supervisor-1"), true, List.of("supervisor-1", "supervisor-2"));
    }

    static CheckIn checkIn(String id, Instant at, int craving) {
        return new CheckIn(id, "p-1", at, 0, craving, 6, 3, 7.0, false, true, List.of());
    }

    @Test
    void measuresAnEvaluation() {
        List<CheckIn> checkIns = new ArrayList<>();
        Map<String, Instant> received = new HashMap<>();
        for (int day = -28; day < 90; day++) {
            Instant at = FROM.plus(Duration.ofDays(day)).plus(Duration.ofHours(9));
            CheckIn c = checkIn("c" + day, at, day == 30 ? 9 : 3);
            checkIns.add(c);
            received.put(c.id(), at.plusSeconds(30));
        }
        ParticipantHistory history = new ParticipantHistory(participant("p-1"), Map.of(),
                new FactHistory.Facts(checkIns, List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty()),
                received, List.of());
        ReplayOptions options = new ReplayOptions(FROM, FROM.plus(Duration.ofDays(90)), Duration.ofHours(1),
                Optional.empty(), ReplayOptions.FactsCount.RECEIVED);
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            List<ReplayedAlert> alerts = Replay.run(rules, history, options, failure -> { throw failure; }, () -> false);
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.println("replay of 90 days at 1h: " + ms + " ms, alerts " + alerts);
            assertThat(alerts).extracting(ReplayedAlert::ruleId).contains("CHK-001");
        }
    }
}

package org.saathi.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saathi.facts.CheckIn;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;
import org.saathi.rules.RecordedFacts;
import org.saathi.rules.RuleSetReplay;

/** One participant replayed through the rules on disk, without a server. */
class ReplayTests {

    static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofDays(20));
    static RuleSetReplay rules;

    final List<CheckIn> checkIns = new ArrayList<>();
    final Map<String, Instant> received = new HashMap<>();

    @BeforeAll
    static void compile() {
        rules = RuleSetReplay.compile(Path.of("rules"));
    }

    @Test
    void raisesAnAlertWhenTheFactArrivesAndOnceOnly() {
        dailyCheckIns(-10, 20);
        Instant high = checkIn("high", day(5), 8, false, day(5).plusSeconds(30));

        List<ReplayedAlert> alerts = replay(options());

        assertThat(alerts).filteredOn(alert -> alert.ruleId().equals("CHK-001")).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.raisedAt()).isEqualTo(high);
                    assertThat(alert.severity()).isEqualTo(Severity.WATCH);
                    assertThat(alert.recipients()).containsExactly("mentor-1");
                    assertThat(alert.resolvedAt()).isEqualTo(high.plus(Duration.ofHours(24)));
                    assertThat(alert.escalatedAt()).isEmpty();
                });
    }

    @Test
    void whatAlreadyHeldAtTheStartWasRaisedBeforeThePeriodAndIsNotCounted() {
        dailyCheckIns(-10, 20);
        checkIn("before", day(-1), 8, false, day(-1));
        Instant later = checkIn("later", day(8), 8, false, day(8));

        List<ReplayedAlert> alerts = replay(options());

        assertThat(alerts).filteredOn(alert -> alert.ruleId().equals("CHK-001"))
                .extracting(ReplayedAlert::raisedAt).containsExactly(later);
    }

    @Test
    void aFactCountsFromWhenItWasReceivedUnlessAskedOtherwise() {
        dailyCheckIns(-10, 20);
        checkIn("late", day(5), 8, false, day(8));

        Instant asReceived = only("CHK-001", replay(options())).raisedAt();
        Instant asRecorded = only("CHK-001", replay(new ReplayOptions(FROM, TO, Duration.ofHours(1), Optional.empty(),
                ReplayOptions.FactsCount.RECORDED))).raisedAt();

        assertThat(asReceived).isEqualTo(day(8));
        assertThat(asRecorded).isEqualTo(day(5));
    }

    @Test
    void aSilenceIsFoundByTheStepWithoutAnyNewFact() {
        dailyCheckIns(-10, 6);

        List<ReplayedAlert> gaps = replay(options()).stream().filter(alert -> alert.ruleId().equals("GAP-001"))
                .toList();

        Instant last = day(5).minusSeconds(3600);
        // a daily rhythm: the WATCH comes when the second missed day has ended in Kolkata, the replay's zone
        Instant secondDayOver = last.atZone(ParticipantContext.DEFAULT_TIMEZONE).toLocalDate().plusDays(3)
                .atStartOfDay(ParticipantContext.DEFAULT_TIMEZONE).toInstant();
        assertThat(gaps).hasSize(2);
        assertThat(gaps.get(0).severity()).isEqualTo(Severity.WATCH);
        assertThat(gaps.get(0).raisedAt()).isBetween(secondDayOver, secondDayOver.plus(Duration.ofHours(1)));
        // resolved after a day, the silence goes on: the third missed day makes a new alert, one level up
        Instant thirdDayOver = secondDayOver.plus(Duration.ofDays(1));
        assertThat(gaps.get(1).severity()).isEqualTo(Severity.WARNING);
        assertThat(gaps.get(1).raisedAt()).isBetween(thirdDayOver, thirdDayOver.plus(Duration.ofHours(1)));
    }

    @Test
    void aLesserAlertIsHeldBehindAMoreSevereOneUntilThatIsResolved() {
        // From day 0, so that the use comes five days after the first "no": URGENT, not CHK-005's CRITICAL
        // after a period without use.
        dailyCheckIns(0, 20);
        Instant use = checkIn("use", day(5).plusSeconds(3600), 6, true, day(5).plusSeconds(3600));
        Instant craving = checkIn("craving", day(5).plusSeconds(7200), 8, false, day(5).plusSeconds(7200));

        List<ReplayedAlert> alerts = replay(options());

        ReplayedAlert urgent = only("CHK-005", alerts);
        assertThat(urgent.raisedAt()).isEqualTo(use);
        assertThat(urgent.resolvedAt()).isEqualTo(use.plus(Duration.ofHours(4)));
        ReplayedAlert held = only("CHK-001", alerts);
        assertThat(held.raisedAt()).isEqualTo(craving);
        // sent when the URGENT one was resolved, with a deadline counted from then
        assertThat(held.recipients()).containsExactly("mentor-1");
        assertThat(held.resolvedAt()).isEqualTo(urgent.resolvedAt().plus(Duration.ofHours(24)));
    }

    @Test
    void aHeldAlertsLadderWaitsUntilTheMoreSevereOneIsResolved() {
        // From day 0, so that the use comes five days after the first "no": URGENT, not CHK-005's CRITICAL
        // after a period without use.
        dailyCheckIns(0, 20);
        Instant use = checkIn("use", day(5).plusSeconds(3600), 6, true, day(5).plusSeconds(3600));
        checkIn("craving", day(5).plusSeconds(7200), 8, false, day(5).plusSeconds(7200));

        List<ReplayedAlert> alerts = replay(new ReplayOptions(FROM, TO, Duration.ofHours(1),
                Optional.of(Duration.ofDays(5)), ReplayOptions.FactsCount.RECEIVED));

        ReplayedAlert urgent = only("CHK-005", alerts);
        assertThat(urgent.escalatedAt()).contains(urgent.raisedAt().plus(Duration.ofHours(4)));
        assertThat(urgent.recipients()).contains("counsellor-1", "mentor-1", "supervisor-1");
        assertThat(urgent.resolvedAt()).isEqualTo(use.plus(Duration.ofDays(5)));
        ReplayedAlert held = only("CHK-001", alerts);
        // held for five days: no step of its ladder was climbed, and it reached the mentor only at the end
        assertThat(held.escalatedAt()).isEmpty();
        assertThat(held.recipients()).containsExactly("mentor-1");
        assertThat(held.held()).isEmpty();
    }

    @Test
    void stopsWhenCancelled() {
        dailyCheckIns(-10, 20);
        ParticipantHistory history = history();

        assertThatThrownBy(() -> Replay.run(rules, history, options(), failure -> { }, () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void nothingIsReplayedBeforeTheParticipantEnrolled() {
        dailyCheckIns(-10, 20);
        checkIn("high", day(8), 8, false, day(8));

        List<ReplayedAlert> alerts = Replay.run(rules, history(participant(day(10))), options(), failure -> { },
                () -> false).alerts();

        assertThat(alerts).isNotEmpty().allSatisfy(alert -> assertThat(alert.raisedAt()).isAfterOrEqualTo(day(10)));
    }

    // --- helpers

    static Instant day(int day) {
        return FROM.plus(Duration.ofDays(day)).plus(Duration.ofHours(9));
    }

    static ReplayOptions options() {
        return new ReplayOptions(FROM, TO, Duration.ofHours(1), Optional.empty(), ReplayOptions.FactsCount.RECEIVED);
    }

    static ParticipantContext participant(Instant enrolled) {
        return new ParticipantContext("p-1", "default", ParticipantStatus.ACTIVE, true, enrolled, "mentor-1",
                "counsellor-1", Optional.of("supervisor-1"), true, List.of("supervisor-1", "supervisor-2"),
                ParticipantContext.DEFAULT_TIMEZONE, Optional.empty());
    }

    void dailyCheckIns(int firstDay, int lastDay) {
        for (int day = firstDay; day < lastDay; day++) {
            checkIn("day" + day, day(day).minusSeconds(3600), 6, false, day(day).minusSeconds(3600));
        }
    }

    Instant checkIn(String id, Instant at, int craving, boolean use, Instant arrived) {
        checkIns.add(new CheckIn(id, "p-1", at, 0, craving, 6, 3, 7.0, use, true, List.of()));
        received.put(id, arrived);
        return arrived;
    }

    ParticipantHistory history() {
        return history(participant(FROM.minus(Duration.ofDays(60))));
    }

    ParticipantHistory history(ParticipantContext participant) {
        return new ParticipantHistory(participant, Map.of(), new RecordedFacts(checkIns, List.of(), List.of(),
                List.of(), List.of(), List.of(), Optional.empty()), received, List.of());
    }

    List<ReplayedAlert> replay(ReplayOptions options) {
        return Replay.run(rules, history(), options, failure -> {
            throw failure;
        }, () -> false).alerts();
    }

    static ReplayedAlert only(String rule, List<ReplayedAlert> alerts) {
        List<ReplayedAlert> of = alerts.stream().filter(alert -> alert.ruleId().equals(rule)).toList();
        assertThat(of).as("%s alerts in %s", rule, alerts).hasSize(1);
        return of.get(0);
    }
}

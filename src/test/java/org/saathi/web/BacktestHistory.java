package org.saathi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.saathi.testing.Api;
import org.saathi.testing.Fixtures;
import org.saathi.testing.TestClock;

/**
 * History to backtest: a programme of its own with a supervisor, and two participants enrolled 11
 * days ago who checked in daily since, one of them once with craving 9. The service's clock is moved
 * back for it, so that enrolment and every check-in were received when they happened, as a replay
 * of received facts needs. Also candidate rule folders, copied from the top-level rules/ and
 * changed, where the test profile looks for them.
 */
record BacktestHistory(String programme, String supervisor, List<String> participants, String highCraving) {

    /** A new programme's zone: the default, Asia/Kolkata. */
    static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    static final Path CANDIDATES = Path.of("target", "test-rule-candidates");

    static BacktestHistory make(Fixtures fixtures, TestClock clock) {
        try {
            return make(fixtures, clock, Duration.ofDays(11));
        } finally {
            clock.reset();
        }
    }

    private static BacktestHistory make(Fixtures fixtures, TestClock clock, Duration enrolledAgo) {
        String programme = fixtures.programme();
        String supervisor = fixtures.staffIn(programme, "SUPERVISOR");
        String mentor = fixtures.staffIn(programme, "PEER_MENTOR");
        String counsellor = fixtures.staffIn(programme, "COUNSELLOR");
        Api ingest = fixtures.integration("ingest");
        clock.advance(enrolledAgo.negated());
        List<String> participants = Stream.of(1, 2)
                .map(n -> fixtures.participantIn(programme, mentor, counsellor, true)).toList();
        for (int day = 10; day >= 1; day--) {
            clock.reset();
            clock.advance(Duration.ofDays(day).negated());
            Instant recorded = clock.instant().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            for (String id : participants) {
                int craving = id.equals(participants.get(0)) && day == 3 ? 9 : 3;
                Api.Reply checkIn = ingest.post("/api/v1/check-ins", """
                        {"participantId": "%s", "recordedAt": "%s", "craving": %d, "mood": 6, "sleepHours": 7}"""
                        .formatted(id, recorded, craving));
                assertThat(checkIn.status()).as("check-in: %s", checkIn).isEqualTo(201);
            }
        }
        return new BacktestHistory(programme, supervisor, participants, participants.get(0));
    }

    /** A time as the backtest form takes it: wall-clock minutes in the programme's zone. */
    static String formTime(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZONE).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** A copy of rules/ as a candidate folder of this name, with one of its files changed. */
    static String candidate(String name, String file, UnaryOperator<String> change) {
        Path folder = CANDIDATES.resolve(name);
        Path rules = Path.of("rules");
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path source : files.toList()) {
                Path target = folder.resolve(rules.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
            Path changed = folder.resolve(file);
            Files.writeString(changed, change.apply(Files.readString(changed)));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return name;
    }
}

package org.saathi.backtest.command;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.saathi.backtest.ParticipantHistory;
import org.saathi.backtest.Replay;
import org.saathi.backtest.ReplayOptions;
import org.saathi.backtest.ReplayedAlert;
import org.saathi.rules.RuleSetReplay;

/**
 * The backtest command's own replay, opened to the synthetic-cohort benchmark in the test sources:
 * a facts file read by {@link FactsFile} as the command reads it, and one participant at a time
 * replayed through a rule set over a period the caller chooses. The benchmark replays a relapsing
 * participant up to moments before their relapse, which the command's single period cannot do.
 * Nothing here is reachable from the product.
 */
public final class CohortReplay implements Closeable {

    /** What one participant's replay raised, and the participant time it covered. */
    public record Replayed(List<ReplayedAlert> alerts, Duration span, int failedEvaluations) {
    }

    private final FactsFile file;
    private final Map<String, ParticipantLines> participants = new LinkedHashMap<>();

    private CohortReplay(FactsFile file) {
        this.file = file;
        file.participants().forEach(lines -> participants.put(lines.history(file, everything(), Duration.ZERO)
                .participant().id(), lines));
    }

    /** Reads the file as {@code backtest --facts} does; a bad line throws, naming it. */
    public static CohortReplay open(Path facts) {
        return new CohortReplay(FactsFile.scan(facts, () -> false));
    }

    public List<String> participantIds() {
        return List.copyOf(participants.keySet());
    }

    /**
     * Replays one participant from {@code from} to {@code to}, evaluated at every fact and every
     * {@code step}, facts counting from when they were received, each alert taken to be resolved
     * at its deadline: the command's defaults.
     */
    public Replayed replay(RuleSetReplay rules, String participantId, Instant from, Instant to, Duration step) {
        ReplayOptions options = new ReplayOptions(from, to, step, Optional.empty(), ReplayOptions.FactsCount.RECEIVED);
        ParticipantLines lines = participants.get(participantId);
        if (lines == null) {
            throw new NoSuchElementException("no participant " + participantId + " in " + file.name());
        }
        ParticipantHistory history;
        // the file's channel is opened lazily and shared: one reader at a time
        synchronized (file) {
            history = lines.history(file, options, rules.window());
        }
        AtomicInteger failures = new AtomicInteger();
        Replay.Replayed replayed = Replay.run(rules, history, options, failure -> failures.incrementAndGet(),
                () -> false);
        return new Replayed(replayed.alerts(), replayed.span(), failures.get());
    }

    private static ReplayOptions everything() {
        return new ReplayOptions(Instant.EPOCH, Instant.EPOCH, Duration.ofHours(1), Optional.empty(),
                ReplayOptions.FactsCount.RECEIVED);
    }

    @Override
    public void close() {
        file.close();
    }
}

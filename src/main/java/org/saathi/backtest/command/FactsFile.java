package org.saathi.backtest.command;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A JSON-lines facts file, read twice so that a backtest of a whole population never holds it in
 * memory: once to check every line and note where each participant's lines lie, then participant
 * by participant, reading back just their lines.
 *
 * <p>Memory: the index is 16 bytes per line (where it starts, how long it is, its number) and one
 * small entry per participant; no fact stays in memory after the first pass.
 */
final class FactsFile implements Closeable {

    /** The earliest and latest moments of the facts: when they happened, and when they were received. */
    record Span(Instant earliest, Instant latest) {
    }

    /** Longer lines are refused, so that one bad line cannot take the memory a batch of participants needs. */
    static final int LONGEST_LINE = 1 << 20;

    private final Path path;
    private final String name;
    private final Map<String, ParticipantLines> participants = new LinkedHashMap<>();
    private final Map<String, Integer> thresholdKeys = new TreeMap<>();
    private Instant earliest;
    private Instant latest;
    private FileChannel channel;

    private FactsFile(Path path) {
        this.path = path;
        this.name = path.toString();
    }

    /** Reads the whole file once; throws {@link CommandRefused} naming the first bad line. */
    static FactsFile scan(Path path, BooleanSupplier cancelled) {
        FactsFile file = new FactsFile(path);
        try (InputStream in = Files.newInputStream(path)) {
            file.scan(in, cancelled);
        } catch (IOException unreadable) {
            throw CommandRefused.badInput("cannot read " + path + ": " + unreadable.getMessage());
        }
        return file;
    }

    private void scan(InputStream in, BooleanSupplier cancelled) throws IOException {
        byte[] chunk = new byte[1 << 16];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long offset = 0;
        long lineStart = 0;
        int number = 1;
        for (int read; (read = in.read(chunk)) > 0; offset += read) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while reading the facts");
            }
            int from = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] == '\n') {
                    line.write(chunk, from, i - from);
                    accept(line, lineStart, number++);
                    line.reset();
                    lineStart = offset + i + 1;
                    from = i + 1;
                }
            }
            line.write(chunk, from, read - from);
            if (line.size() > LONGEST_LINE) {
                throw bad(number, "the line is longer than " + LONGEST_LINE + " bytes");
            }
        }
        accept(line, lineStart, number);
    }

    private void accept(ByteArrayOutputStream bytes, long offset, int number) {
        String text = text(bytes.toByteArray(), number);
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        FactLine line = parse(text, number);
        ParticipantLines lines = participants.computeIfAbsent(line.participantId(), ParticipantLines::new);
        lines.add(offset, bytes.size(), number);
        if (line instanceof FactLine.Participant participant) {
            if (lines.describedOn() > 0) {
                throw bad(number, "participant " + participant.participantId() + " is already described on line "
                        + lines.describedOn());
            }
            lines.describedOn(number);
            participant.programmeThresholds().keySet().forEach(key -> thresholdKeys.putIfAbsent(key, number));
        } else if (line instanceof FactLine.Recorded recorded) {
            widen(recorded.fact().at());
            recorded.receivedAt().ifPresent(this::widen);
        } else if (line instanceof FactLine.RelapseConfirmed relapse) {
            widen(relapse.at());
        }
    }

    private static String text(byte[] bytes, int number) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (number == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private FactLine parse(String text, int number) {
        try {
            return FactLines.parse(text, number);
        } catch (LineFields.BadLine bad) {
            throw bad(number, bad.getMessage());
        }
    }

    CommandRefused bad(int number, String message) {
        return CommandRefused.badInput(name + ":" + number + ": " + message);
    }

    private void widen(Instant at) {
        earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
        latest = latest == null || at.isAfter(latest) ? at : latest;
    }

    /** Reads back one line the scan accepted. */
    FactLine read(long offset, int length, int number) {
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            }
            ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, offset + bytes.position()) < 0) {
                    throw bad(number, "the file changed while the backtest was reading it");
                }
            }
            return parse(text(bytes.array(), number), number);
        } catch (IOException unreadable) {
            throw CommandRefused.badInput("cannot read " + path + ": " + unreadable.getMessage());
        }
    }

    String name() {
        return name;
    }

    /** Every participant of the file, in the order they first appear. */
    Collection<ParticipantLines> participants() {
        return participants.values();
    }

    /** Empty when the file has no facts. */
    Optional<Span> span() {
        return earliest == null ? Optional.empty() : Optional.of(new Span(earliest, latest));
    }

    /** The programme thresholds the file sets, each with the first line that sets it. */
    Map<String, Integer> thresholdKeys() {
        return thresholdKeys;
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException closing) {
            throw new UncheckedIOException(closing);
        }
    }
}

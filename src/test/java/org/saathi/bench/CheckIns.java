package org.saathi.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Check-in bodies as a programme's app would send them: mostly ordinary days, a few with high
 * craving, low mood or use, so that some raise alerts. Every check-in of a participant has its own
 * {@code recordedAt}, so none is a duplicate; live ones are stamped with the current second, or the
 * participant's next free second when two fall in the same one.
 */
final class CheckIns {

    private final List<String> participants;
    private final AtomicLong next = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> lastSecond = new ConcurrentHashMap<>();

    CheckIns(List<String> participants) {
        this.participants = participants;
    }

    /** The next participant in turn, so that the load is spread over all of them. */
    String nextParticipant() {
        return participants.get((int) (next.getAndIncrement() % participants.size()));
    }

    /** Live check-ins of the next {@code count} participants in turn, taken together so that batches do not overlap. */
    List<String> live(int count) {
        long first = next.getAndAdd(count);
        List<String> items = new ArrayList<>();
        for (long i = first; i < first + count; i++) {
            items.add(live(participants.get((int) (i % participants.size()))));
        }
        return items;
    }

    /** A live check-in of the next participant in turn. */
    String live() {
        return live(nextParticipant());
    }

    String live(String participant) {
        AtomicLong last = lastSecond.computeIfAbsent(participant, id -> new AtomicLong());
        long now = System.currentTimeMillis() / 1000;
        long second = last.updateAndGet(previous -> Math.max(now, previous + 1));
        return body(participant, Instant.ofEpochSecond(second));
    }

    /**
     * A participant's history before now: three check-ins a day for {@code days}, at 8-hour
     * intervals with a per-participant offset, oldest first.
     */
    List<String> history(String participant, int days, Instant now) {
        List<String> history = new ArrayList<>();
        Duration offset = Duration.ofMinutes(90 + Math.floorMod(participant.hashCode(), 300));
        for (int k = days * 3 - 1; k >= 0; k--) {
            history.add(body(participant, now.minus(offset).minus(Duration.ofHours(8L * k))));
        }
        return history;
    }

    int participantCount() {
        return participants.size();
    }

    String participant(int index) {
        return participants.get(index % participants.size());
    }

    static String body(String participant, Instant recordedAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean hardDay = random.nextInt(100) < 4;
        int craving = hardDay ? 7 + random.nextInt(4) : random.nextInt(6);
        int mood = hardDay ? 1 + random.nextInt(4) : 4 + random.nextInt(7);
        double sleep = 3.0 + random.nextInt(14) / 2.0;
        boolean used = random.nextInt(400) == 0;
        return String.format(Locale.ROOT, """
                {"participantId":"%s","recordedAt":"%s","craving":%d,"mood":%d,"sleepHours":%.1f,"usedSubstance":%s}""",
                participant, recordedAt, craving, mood, sleep, used);
    }
}

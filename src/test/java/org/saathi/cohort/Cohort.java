package org.saathi.cohort;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * A synthetic cohort: so many people of every {@link Pattern}, each living {@code days} days from
 * {@code start} (enrolled at its midnight, Asia/Kolkata), the same for the same seed on any machine.
 * Written as a backtest facts file, which {@code java -jar saathi.jar backtest --facts} replays as it
 * is, and a ground-truth file of every relapsing person's episode (the moment of first use), which
 * the backtest cannot know for a silent relapse and which the benchmark scores warnings against.
 *
 * <pre>
 * Cohort cohort = Cohort.generate(1, 40, LocalDate.of(2026, 1, 5), 75);
 * cohort.write(Path.of("target/cohort/seed-1.jsonl"), Path.of("target/cohort/seed-1-episodes.jsonl"));
 * </pre>
 */
record Cohort(long seed, LocalDate start, int days, List<Person> people) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The first day of the benchmark's cohorts: a Monday. */
    static final LocalDate START = LocalDate.of(2026, 1, 5);

    Cohort {
        people = List.copyOf(people);
    }

    /** Participant ids are {@code S<seed>-<PATTERN>-<n>}, so that cohorts of several seeds can share a file. */
    static Cohort generate(long seed, int perPattern, LocalDate start, int days) {
        if (days < 50) {
            throw new IllegalArgumentException("a cohort needs at least 50 days: a month of history before a prodrome");
        }
        // one stream split off per person, in a fixed order: each person the same whatever else changes
        SplittableRandom random = new SplittableRandom(seed);
        List<Person> people = new ArrayList<>();
        for (Pattern pattern : Pattern.values()) {
            for (int n = 1; n <= perPattern; n++) {
                String id = String.format(Locale.ROOT, "S%d-%s-%03d", seed, pattern.name(), n);
                people.add(Life.live(id, pattern, start, days, random.split()));
            }
        }
        return new Cohort(seed, start, days, people);
    }

    void write(Path facts, Path episodes) throws IOException {
        Files.createDirectories(facts.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(facts)) {
            out.write("# Synthetic cohort, seed " + seed + ": " + people.size() + " participants, " + days
                    + " days from " + start + " (org.saathi.cohort.Cohort)\n");
            for (Person person : people) {
                for (Map<String, Object> line : person.lines()) {
                    out.write(JSON.writeValueAsString(line));
                    out.write('\n');
                }
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(episodes)) {
            for (Person person : people) {
                out.write(JSON.writeValueAsString(groundTruth(person)));
                out.write('\n');
            }
        }
    }

    /** A line of the ground truth: the person's pattern, and for a relapse the moment of first use. */
    static Map<String, Object> groundTruth(Person person) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("participantId", person.id());
        line.put("pattern", person.pattern().name());
        person.episodeAt().ifPresent(at -> line.put("episodeAt", at.toString()));
        return line;
    }
}

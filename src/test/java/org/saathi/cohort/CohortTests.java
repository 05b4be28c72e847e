package org.saathi.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saathi.backtest.command.CohortReplay;

/** The synthetic cohort's generator: plain JUnit, no service. */
class CohortTests {

    private static final Cohort COHORT = Cohort.generate(7, 12, Cohort.START, 75);

    @Test
    void generatesTheSameCohortForTheSameSeedAndAnotherForAnother() {
        assertThat(Cohort.generate(7, 12, Cohort.START, 75)).isEqualTo(COHORT);
        assertThat(Cohort.generate(8, 12, Cohort.START, 75).people().get(0).lines())
                .isNotEqualTo(COHORT.people().get(0).lines());
    }

    @Test
    void stableWeekdayPeopleNeverCheckInOnSaturdayOrSundayInTheirZone() {
        List<DayOfWeek> days = of(Pattern.STABLE_WEEKDAYS).flatMap(person -> lines(person, "checkIn"))
                .map(line -> at(line, "recordedAt").atZone(Life.ZONE).getDayOfWeek()).toList();
        assertThat(days).isNotEmpty().doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
                .contains(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    @Test
    void stablePeopleNeverUseAndOnOpioidSubstitutionNeverMissTwoDosesRunning() {
        of(Pattern.STABLE_DAILY, Pattern.STABLE_WEEKDAYS, Pattern.STABLE_OPIOID_SUBSTITUTION).forEach(person -> {
            assertThat(person.episodeAt()).isEmpty();
            assertThat(person.lines()).noneMatch(CohortTests::use);
        });
        of(Pattern.STABLE_OPIOID_SUBSTITUTION).forEach(person -> {
            List<Object> doses = lines(person, "attendance").filter(line -> "MEDICATION".equals(line.get("sessionType")))
                    .map(line -> line.get("status")).toList();
            assertThat(doses).hasSizeGreaterThan(50).contains("ATTENDED");
            for (int i = 1; i < doses.size(); i++) {
                assertThat(doses.get(i).equals("ABSENT") && doses.get(i - 1).equals("ABSENT")).isFalse();
            }
        });
    }

    @Test
    void theEpisodeIsTheFirstUseAndNothingShowsUseBeforeIt() {
        of(Scores.relapses().toArray(Pattern[]::new)).forEach(person -> {
            Instant episode = person.episodeAt().orElseThrow();
            assertThat(person.lines().stream().filter(CohortTests::use).map(CohortTests::when))
                    .isNotEmpty().allMatch(at -> !at.isBefore(episode));
            boolean reportedThen = person.lines().stream().anyMatch(line -> use(line) && when(line).equals(episode));
            assertThat(reportedThen).as(person.id()).isEqualTo(person.pattern() != Pattern.SILENT_RELAPSE);
        });
    }

    @Test
    void anOvertRelapsesCravingClimbsAndMoodFallsBeforeTheUse() {
        of(Pattern.OVERT_RELAPSE).forEach(person -> {
            Instant episode = person.episodeAt().orElseThrow();
            assertThat(mean(person, "craving", episode.minus(Duration.ofDays(3)), episode)).as(person.id())
                    .isGreaterThanOrEqualTo(mean(person, "craving", episode.minus(Duration.ofDays(28)),
                            episode.minus(Duration.ofDays(14))) + 3);
            assertThat(mean(person, "mood", episode.minus(Duration.ofDays(3)), episode)).as(person.id())
                    .isLessThanOrEqualTo(mean(person, "mood", episode.minus(Duration.ofDays(28)),
                            episode.minus(Duration.ofDays(14))) - 1.5);
        });
    }

    @Test
    void aSilentRelapseStopsCheckingInDaysBeforeTheUse() {
        of(Pattern.SILENT_RELAPSE).forEach(person -> {
            Instant episode = person.episodeAt().orElseThrow();
            assertThat(lines(person, "checkIn").map(line -> at(line, "recordedAt"))
                    .filter(at -> at.isBefore(episode) && at.isAfter(episode.minus(Duration.ofDays(1)))))
                    .as(person.id()).isEmpty();
        });
    }

    @Test
    void missedDosesComeOnTheDaysJustBeforeTheUse() {
        of(Pattern.MISSED_DOSES).forEach(person -> {
            LocalDate episode = person.episodeAt().orElseThrow().atZone(Life.ZONE).toLocalDate();
            List<LocalDate> missed = person.lines().stream()
                    .filter(line -> "MEDICATION".equals(line.get("sessionType")) && "ABSENT".equals(line.get("status"))
                            || Boolean.FALSE.equals(line.get("medicationTaken")))
                    .map(line -> when(line).atZone(Life.ZONE).toLocalDate()).distinct().toList();
            assertThat(missed).as(person.id()).contains(episode.minusDays(1), episode.minusDays(2))
                    .doesNotContain(episode);
        });
    }

    @Test
    void theBacktestReadsTheWrittenCohort(@TempDir Path folder) throws Exception {
        Path facts = folder.resolve("cohort.jsonl");
        COHORT.write(facts, folder.resolve("episodes.jsonl"));
        try (CohortReplay replay = CohortReplay.open(facts)) {
            assertThat(replay.participantIds()).containsExactlyElementsOf(COHORT.people().stream().map(Person::id)
                    .toList());
        }
        assertThat(Files.readAllLines(folder.resolve("episodes.jsonl"))).hasSize(COHORT.people().size())
                .filteredOn(line -> line.contains("episodeAt")).hasSize(12 * Scores.relapses().size());
    }

    private static Stream<Person> of(Pattern... patterns) {
        List<Pattern> wanted = List.of(patterns);
        return COHORT.people().stream().filter(person -> wanted.contains(person.pattern()));
    }

    private static Stream<Map<String, Object>> lines(Person person, String type) {
        return person.lines().stream().filter(line -> type.equals(line.get("type")));
    }

    private static boolean use(Map<String, Object> line) {
        return Boolean.TRUE.equals(line.get("usedSubstance")) || Boolean.TRUE.equals(line.get("positive"));
    }

    private static Instant when(Map<String, Object> line) {
        return Stream.of("recordedAt", "scheduledAt", "enrolledAt").filter(line::containsKey).findFirst()
                .map(field -> at(line, field)).orElseThrow();
    }

    private static Instant at(Map<String, Object> line, String field) {
        return OffsetDateTime.parse((String) line.get(field)).toInstant();
    }

    private static double mean(Person person, String field, Instant from, Instant to) {
        return lines(person, "checkIn").filter(line -> !use(line)).filter(line -> {
            Instant at = at(line, "recordedAt");
            return !at.isBefore(from) && at.isBefore(to);
        }).mapToInt(line -> (Integer) line.get(field)).average().orElse(Double.NaN);
    }
}
